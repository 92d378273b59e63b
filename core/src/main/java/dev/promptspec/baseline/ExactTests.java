package dev.promptspec.baseline;

/**
 * The two exact tests a comparison with a baseline needs, computed from binomial coefficients in log space (sample
 * counts stay in the thousands, so summing logarithms is exact enough and never overflows). Pure functions.
 */
final class ExactTests {

    private ExactTests() {
    }

    /**
     * One-sided Fisher's exact test that a case's pass rate dropped: the probability, with both runs' totals fixed, of
     * this run passing {@code passedNow} samples or fewer of {@code drawnNow} when the two runs share one pass rate (R:
     * {@code fisher.test(matrix(c(passedNow, passedBefore, failedNow, failedBefore), 2), alternative = "less")}).
     * Exact, so right for the few samples a case draws, where a chi-squared approximation is not.
     */
    static double fisherDropPValue(int passedNow, int drawnNow, int passedBefore, int drawnBefore) {
        int total = drawnNow + drawnBefore;
        int passes = passedNow + passedBefore;
        double all = logChoose(total, drawnNow);
        double p = 0;
        for (int x = Math.max(0, drawnNow - (total - passes)); x <= passedNow; x++) {
            p += Math.exp(logChoose(passes, x) + logChoose(total - passes, drawnNow - x) - all);
        }
        return Math.min(1, p);
    }

    /**
     * McNemar's exact test on paired verdicts: two-sided, the binomial test of the discordant pairs against an even
     * split (R: {@code binom.test(min(b, c), b + c)$p.value}; {@code mcnemar.test} would be the chi-squared
     * approximation, poor for the few discordant pairs a suite has). 1 when no pair changed.
     */
    static double mcnemarPValue(int passedThenFailed, int failedThenPassed) {
        int n = passedThenFailed + failedThenPassed;
        int tail = Math.min(passedThenFailed, failedThenPassed);
        double p = 0;
        for (int i = 0; i <= tail; i++) {
            p += Math.exp(logChoose(n, i) - n * Math.log(2));
        }
        return Math.min(1, 2 * p);
    }

    private static double logChoose(int n, int k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        int small = Math.min(k, n - k);
        double sum = 0;
        for (int i = 1; i <= small; i++) {
            sum += Math.log(n - small + i) - Math.log(i);
        }
        return sum;
    }
}
