package dev.promptspec.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.eval.CheckResult;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.promptfile.TestCase;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * The outcome of one test case.
 *
 * @param request  what was (or would have been) sent, or null when rendering failed
 * @param response the model's answer, or null when there is none
 * @param checks   every evaluator's result, in file order
 * @param error    why the case could not be judged (no key, unreachable model, missing variable...), or null
 * @param duration  wall time of the whole case
 * @param threshold the file's {@code threshold}: when set, the case passes when {@link #score()} reaches it
 * @param sampling  for a sampled case, its verdict and every sample drawn (then {@code request}, {@code response} and
 *                  {@code checks} are one representative sample's: the first that agrees with the verdict, or the one
 *                  that stopped the sampling); null for a case judged on one call
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CaseResult(
        String promptFile,
        TestCase testCase,
        ModelRequest request,
        ModelResponse response,
        List<CheckResult> checks,
        Throwable error,
        Duration duration,
        OptionalDouble threshold,
        SampleSet sampling) {

    public CaseResult {
        checks = List.copyOf(checks);
        threshold = threshold == null ? OptionalDouble.empty() : threshold;
    }

    /** The result of one call (not sampled). */
    public CaseResult(String promptFile, TestCase testCase, ModelRequest request, ModelResponse response, List<CheckResult> checks,
            Throwable error, Duration duration, OptionalDouble threshold) {
        this(promptFile, testCase, request, response, checks, error, duration, threshold, null);
    }

    /** A result that passes only when every check passes. */
    public CaseResult(String promptFile, TestCase testCase, ModelRequest request, ModelResponse response, List<CheckResult> checks,
            Throwable error, Duration duration) {
        this(promptFile, testCase, request, response, checks, error, duration, OptionalDouble.empty());
    }

    /**
     * No error, and every check passed (or, with a threshold, the weighted score reached it); for a sampled case, its
     * samples' verdict passed.
     */
    public boolean passed() {
        if (error != null) {
            return false;
        }
        if (sampling != null) {
            return sampling.rate().passed();
        }
        return threshold.isPresent() ? score() >= threshold.getAsDouble() : checks.stream().allMatch(CheckResult::passed);
    }

    public List<CheckResult> failedChecks() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** Weighted mean score of the checks (1 when there are none). */
    public double score() {
        double total = checks.stream().mapToDouble(CheckResult::weight).sum();
        if (total == 0) {
            return 1;
        }
        return checks.stream().mapToDouble(c -> c.weight() * c.verdict().score()).sum() / total;
    }
}
