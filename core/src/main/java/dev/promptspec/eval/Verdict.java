package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What one evaluator concluded about one response.
 *
 * @param passed whether the response meets the evaluator's criterion
 * @param score  0..1; 1 or 0 for pass/fail checks, graded for judges and similarity
 * @param detail a sentence a person can act on: what was expected and what was found
 */
@API(status = STABLE, since = "0.1")
public record Verdict(boolean passed, double score, String detail) {

    public Verdict {
        if (Double.isNaN(score) || score < 0 || score > 1) {
            throw new IllegalArgumentException("score must be within 0..1, was " + score);
        }
        detail = detail == null ? "" : detail;
    }

    /** Passed, score 1. */
    public static Verdict pass(String detail) {
        return new Verdict(true, 1.0, detail);
    }

    /** Failed, score 0. */
    public static Verdict fail(String detail) {
        return new Verdict(false, 0.0, detail);
    }

    /** Passed (score 1) or failed (score 0) with the same detail. */
    public static Verdict of(boolean passed, String detail) {
        return passed ? pass(detail) : fail(detail);
    }

    /**
     * The verdict of several pass/fail checks that must all hold: failed with the details of those that
     * failed, or passed with every detail, joined by "; ".
     */
    public static Verdict all(List<Verdict> verdicts) {
        List<String> failures = verdicts.stream().filter(v -> !v.passed()).map(Verdict::detail).toList();
        return failures.isEmpty() ? pass(String.join("; ", verdicts.stream().map(Verdict::detail).toList()))
                : fail(String.join("; ", failures));
    }
}
