package dev.promptspec.baseline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What a run's comparison with its baseline found, as the reports' {@code "baseline"} section holds it. Every list is
 * in {@link CaseRef#ORDER}. Still passing cases are counted in McNemar's test only.
 *
 * @param path             the baseline report, as configured
 * @param finishedAt       when the baseline run finished, or null when its report does not say
 * @param removed          baseline cases this suite no longer has
 * @param changedResponses cases in both runs whose response text differs
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ComparisonSummary(String path, String finishedAt, List<CaseRef> newlyFailing, List<CaseRef> newlyPassing,
        List<CaseRef> stillFailing, List<CaseRef> added, List<CaseRef> removed, List<Noise> noise,
        List<ScoreChange> scoreChanges, List<CaseRef> changedResponses, McNemar mcnemar) {

    public ComparisonSummary {
        newlyFailing = List.copyOf(newlyFailing);
        newlyPassing = List.copyOf(newlyPassing);
        stillFailing = List.copyOf(stillFailing);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        noise = List.copyOf(noise);
        scoreChanges = List.copyOf(scoreChanges);
        changedResponses = List.copyOf(changedResponses);
    }

    /** A sampled case whose pass rate dropped, not significantly: {@code pValue} is Fisher's one-sided exact test's. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Noise(CaseRef ref, double passRateBefore, double passRateAfter, double pValue) {
    }

    /** One evaluator's score on one case, before and now. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record ScoreChange(CaseRef ref, String evaluator, double before, double after) {
    }

    /**
     * McNemar's exact test on the verdicts of the cases both runs judged: did the suite as a whole get worse or better?
     *
     * @param confidence the run's confidence; {@code significant} when {@code pValue < 1 - confidence}
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record McNemar(int passedThenFailed, int failedThenPassed, double pValue, boolean significant, double confidence) {

        /** The test of these discordant pairs at {@code confidence}. */
        public static McNemar of(int passedThenFailed, int failedThenPassed, double confidence) {
            double p = ExactTests.mcnemarPValue(passedThenFailed, failedThenPassed);
            return new McNemar(passedThenFailed, failedThenPassed, p, p < 1 - confidence, confidence);
        }
    }
}
