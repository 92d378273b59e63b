package dev.promptspec.eval;

/**
 * What one evaluator concluded about one response.
 *
 * @param passed whether the response meets the evaluator's criterion
 * @param score  0..1; 1 or 0 for pass/fail checks, graded for judges and similarity
 * @param detail a sentence a person can act on: what was expected and what was found
 */
public record Verdict(boolean passed, double score, String detail) {

    public Verdict {
        if (Double.isNaN(score) || score < 0 || score > 1) {
            throw new IllegalArgumentException("score must be within 0..1, was " + score);
        }
        detail = detail == null ? "" : detail;
    }

    public static Verdict pass(String detail) {
        return new Verdict(true, 1.0, detail);
    }

    public static Verdict fail(String detail) {
        return new Verdict(false, 0.0, detail);
    }

    public static Verdict of(boolean passed, String detail) {
        return passed ? pass(detail) : fail(detail);
    }
}
