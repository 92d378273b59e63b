package dev.promptspec.jupiter;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.Verdict;
import dev.promptspec.run.CaseResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * What the checks of a prompt file concluded about one answer of the application ({@link PromptCase#check}), for
 * assertions beyond pass or fail: a judge's score, a check's detail.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Verdicts {

    private final Map<String, Verdict> byName;
    private final double score;
    private final OptionalDouble threshold;

    Verdicts(CaseResult result) {
        Map<String, Verdict> map = new LinkedHashMap<>();
        for (CheckResult c : result.checks()) {
            map.put(c.name(), c.verdict());
        }
        this.byName = Collections.unmodifiableMap(map);
        this.score = result.score();
        this.threshold = result.threshold();
    }

    /** Every check made, by evaluator name ({@code expected} for the implicit check), in the file's order. */
    public Map<String, Verdict> asMap() {
        return byName;
    }

    /**
     * The verdict of the evaluator named {@code evaluatorName}.
     *
     * @throws IllegalArgumentException naming the checks made, when none has that name
     */
    public Verdict get(String evaluatorName) {
        Verdict v = byName.get(evaluatorName);
        if (v == null) {
            throw new IllegalArgumentException("no check named '" + evaluatorName + "' was made; the checks: "
                    + String.join(", ", byName.keySet()));
        }
        return v;
    }

    /** The weighted mean score of the checks, 0 to 1 (1 when there are none). */
    public double score() {
        return score;
    }

    /** The file's {@code threshold}, when it sets one. */
    public OptionalDouble threshold() {
        return threshold;
    }

    @Override
    public String toString() {
        return byName.toString();
    }
}
