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
 * Every case outcome of one run, in the order they were reported. Thread-safe: JUnit may report cases from
 * several threads in parallel mode.
 */
public final class RunReport {

    private final Instant startedAt;
    private final List<CaseOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());

    public RunReport(Instant startedAt) {
        this.startedAt = startedAt;
    }

    public void add(CaseOutcome outcome) {
        outcomes.add(outcome);
    }

    public Instant startedAt() {
        return startedAt;
    }

    public List<CaseOutcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    public boolean isEmpty() {
        return outcomes.isEmpty();
    }

    /** Outcomes grouped by prompt file, files in first-reported order. */
    public Map<String, List<CaseOutcome>> byFile() {
        Map<String, List<CaseOutcome>> m = new LinkedHashMap<>();
        for (CaseOutcome o : outcomes()) {
            m.computeIfAbsent(o.result().promptFile(), k -> new ArrayList<>()).add(o);
        }
        return m;
    }

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
