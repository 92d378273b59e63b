package dev.promptspec.report;

import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every test of one run as it was reported: each case's outcome, and each prompt file that could not run at all.
 * In the order they were reported. Thread-safe: JUnit may report tests from several threads in parallel mode.
 */
public final class RunReport {

    private final Instant startedAt;
    private final List<CaseOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final List<InvalidFile> invalidFiles = Collections.synchronizedList(new ArrayList<>());

    public RunReport(Instant startedAt) {
        this.startedAt = startedAt;
    }

    public void add(CaseOutcome outcome) {
        outcomes.add(outcome);
    }

    /** A file reported as one errored test because it cannot run. */
    public void add(InvalidFile file) {
        invalidFiles.add(file);
    }

    public Instant startedAt() {
        return startedAt;
    }

    public List<CaseOutcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    public List<InvalidFile> invalidFiles() {
        synchronized (invalidFiles) {
            return List.copyOf(invalidFiles);
        }
    }

    public boolean isEmpty() {
        return outcomes.isEmpty() && invalidFiles.isEmpty();
    }

    /** Every reported test: the cases, and one per invalid file (as JUnit and Surefire count them). */
    public long tests() {
        return outcomes().size() + invalidFiles().size();
    }

    /** Tests that ended in an error: errored cases and invalid files. */
    public long errors() {
        return count(CaseOutcome.Status.ERROR) + invalidFiles().size();
    }

    /** Case outcomes grouped by prompt file, files in first-reported order (invalid files are apart). */
    public Map<String, List<CaseOutcome>> byFile() {
        Map<String, List<CaseOutcome>> m = new LinkedHashMap<>();
        for (CaseOutcome o : outcomes()) {
            m.computeIfAbsent(o.result().promptFile(), k -> new ArrayList<>()).add(o);
        }
        return m;
    }

    /** Cases reported with {@code status} (invalid files are not cases: see {@link #errors()}). */
    public long count(CaseOutcome.Status status) {
        return outcomes().stream().filter(o -> o.status() == status).count();
    }

    /** Tokens of every response, replayed ones included (what a live run would have used). */
    public TokenUsage usage() {
        TokenUsage total = TokenUsage.UNKNOWN;
        for (CaseOutcome o : outcomes()) {
            if (o.result().response() != null) {
                total = total.plus(o.result().response().usage());
            }
        }
        return total;
    }

    public long count(ModelResponse.Origin origin) {
        return outcomes().stream().filter(o -> o.result().response() != null && o.result().response().origin() == origin).count();
    }
}
