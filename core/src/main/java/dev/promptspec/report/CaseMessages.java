package dev.promptspec.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.eval.CheckResult;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.SampleSet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/** The text a person reads when a case fails: every verdict, failing ones first, then the response. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CaseMessages {

    private static final int EXCERPT_LINES = 20;
    private static final int EXCERPT_CHARS = 1500;

    private CaseMessages() {
    }

    /**
     * "2 of 3 checks failed for ..." with each verdict on its own line and an excerpt of the response. For a sampled
     * case: the samples' verdict (observed rate, interval, samples used, policy), whether they disagreed and which
     * evaluators flipped, then the first sample that did not pass, in the same form.
     */
    public static String failure(CaseResult result, String caseDisplayName) {
        if (result.sampling() != null) {
            return sampledFailure(result, caseDisplayName);
        }
        return checksFailure(result, caseDisplayName);
    }

    private static String sampledFailure(CaseResult result, String caseDisplayName) {
        SampleSet set = result.sampling();
        StringBuilder sb = new StringBuilder("samples of ").append(caseDisplayName).append(" (").append(result.testCase().position())
                .append(") ").append(set.rate().describe()).append('\n');
        flakiness(set).ifPresent(f -> sb.append(f).append('\n'));
        List<CaseResult> samples = set.samples();
        for (int i = 0; i < samples.size(); i++) {
            if (!samples.get(i).passed() && samples.get(i).error() == null) {
                sb.append("Sample ").append(i + 1).append(": ").append(checksFailure(samples.get(i), caseDisplayName));
                break;
            }
        }
        return sb.toString().stripTrailing();
    }

    /** "flaky: the samples disagree; evaluators that flipped: right queue, polite", when they disagree. */
    public static java.util.Optional<String> flakiness(SampleSet set) {
        if (!set.flaky()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(flakiness(set.flipped()));
    }

    /** "flaky: the samples disagree; evaluators that flipped: ..." for samples that disagree. */
    static String flakiness(List<String> flipped) {
        return "flaky: the samples disagree" + (flipped.isEmpty() ? "" : "; evaluators that flipped: " + String.join(", ", flipped));
    }

    private static String checksFailure(CaseResult result, String caseDisplayName) {
        List<CheckResult> checks = new ArrayList<>(result.checks());
        checks.sort(Comparator.comparing(CheckResult::passed)); // failing first, file order kept within each group
        long failed = checks.stream().filter(c -> !c.passed()).count();
        StringBuilder sb = new StringBuilder();
        if (result.threshold().isPresent()) {
            sb.append(String.format(Locale.ROOT, "weighted score %.2f is below the threshold %.2f: ", result.score(),
                    result.threshold().getAsDouble()));
        }
        sb.append(failed).append(" of ").append(checks.size()).append(checks.size() == 1 ? " check" : " checks")
                .append(" failed for ").append(caseDisplayName)
                .append(" (").append(result.testCase().position()).append(")\n");
        for (CheckResult c : checks) {
            sb.append(c.passed() ? "  [pass] " : "  [FAIL] ").append(c.name()).append(" (").append(c.kind());
            if (result.threshold().isPresent() && c.weight() != 1.0) {
                sb.append(String.format(Locale.ROOT, ", weight %s", BigDecimal.valueOf(c.weight()).stripTrailingZeros().toPlainString()));
            }
            sb.append("): ").append(c.verdict().detail());
            if (c.verdict().score() > 0 && c.verdict().score() < 1) {
                sb.append(String.format(Locale.ROOT, " [score %.2f]", c.verdict().score()));
            }
            sb.append('\n');
        }
        ModelResponse r = result.response();
        if (r != null) {
            sb.append(responseExcerpt(r));
        }
        return sb.toString().stripTrailing();
    }

    static String responseExcerpt(ModelResponse r) {
        String text = r.text().strip();
        String[] lines = text.split("\n", -1);
        StringBuilder sb = new StringBuilder("Response (");
        if (r.modelId() != null) {
            sb.append(r.modelId()).append(", ");
        }
        sb.append(origin(r.origin())).append(", ").append(text.length()).append(" chars");
        boolean cut = lines.length > EXCERPT_LINES || text.length() > EXCERPT_CHARS;
        if (cut) {
            sb.append("; first lines");
        }
        sb.append("):\n");
        int chars = 0;
        for (int i = 0; i < Math.min(lines.length, EXCERPT_LINES) && chars < EXCERPT_CHARS; i++) {
            String line = lines[i];
            if (chars + line.length() > EXCERPT_CHARS) {
                line = line.substring(0, Math.max(0, EXCERPT_CHARS - chars)) + "…";
            }
            sb.append("  | ").append(line).append('\n');
            chars += line.length();
        }
        if (cut) {
            sb.append("  | …\n");
        }
        return sb.toString();
    }

    private static String origin(ModelResponse.Origin o) {
        return switch (o) {
            case LIVE -> "live";
            case RECORDED -> "live, recorded";
            case REPLAYED -> "replayed";
        };
    }
}
