package dev.promptspec.sampling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * When the sequential policy decides: after {@code n} samples with {@code k} passes, pass when the lower bound of a
 * Wilson interval reaches {@code passRate}, fail when the upper bound of one falls below it.
 *
 * <p><b>Why the bounds are stricter than one interval at the confidence.</b> Looking after every sample and stopping at
 * the first look that seems sure ("optional stopping") errs far more often than one look does: with {@code passRate:
 * 0.8} a single failing first sample already puts the 95% upper bound at 0.79, so one case in five whose true rate is
 * exactly 0.8 would fail at once. Each side's bound therefore uses the smallest z, never below the interval's own z at
 * the confidence, for which the probability of ever crossing that bound within {@code samples} looks, when the true
 * rate is exactly {@code passRate}, is at most 1 − confidence. That probability is computed exactly over the binomial
 * (not simulated), and it is the worst case: a true rate below {@code passRate} crosses the pass bound less often, a
 * rate above it crosses the fail bound less often. So, whatever the true rate, a sequential verdict is wrong (a pass
 * when the true rate is below {@code passRate}, a fail when it is at or above it) with probability at most
 * 1 − confidence, however early it stops; and every pass or fail also agrees with the reported interval at the
 * confidence. This is a Pocock-style group-sequential design with one look per sample, calibrated exactly for the
 * binomial.
 *
 * <p>Immutable; computed once per distinct (samples, passRate, confidence), in O(samples²) per bisection step.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class SequentialBounds {

    private static final double EPSILON = 1e-12;
    private static final Map<String, SequentialBounds> CACHE = new ConcurrentHashMap<>();

    private final int samples;
    private final double passRate;
    private final double confidence;
    private final double zPass;
    private final double zFail;
    /** For n = 1..samples: the fewest passes that pass at look n (n + 1 when none does). */
    private final int[] passAt;
    /** For n = 1..samples: the most passes that fail at look n (-1 when none does). */
    private final int[] failAt;

    private SequentialBounds(int samples, double passRate, double confidence) {
        this.samples = samples;
        this.passRate = passRate;
        this.confidence = confidence;
        double z = WilsonInterval.zFor(confidence);
        double alpha = 1 - confidence;
        this.zPass = calibrated(samples, passRate, z, alpha, true);
        this.zFail = calibrated(samples, passRate, z, alpha, false);
        this.passAt = passBoundary(samples, passRate, zPass);
        this.failAt = failBoundary(samples, passRate, zFail);
    }

    /** The bounds of {@code plan}'s samples, passRate and confidence. */
    public static SequentialBounds of(SamplingPlan plan) {
        return of(plan.samples(), plan.passRate(), plan.confidence());
    }

    static SequentialBounds of(int samples, double passRate, double confidence) {
        return CACHE.computeIfAbsent(samples + "/" + passRate + "/" + confidence,
                k -> new SequentialBounds(samples, passRate, confidence));
    }

    /** The z of the pass side's per-look bound (at least the interval's own z at the confidence). */
    public double zPass() {
        return zPass;
    }

    /** The z of the fail side's per-look bound (at least the interval's own z at the confidence). */
    public double zFail() {
        return zFail;
    }

    /** Whether {@code samples} passes in a row reach the pass bound. */
    public boolean canEverPass() {
        return passAt[samples] <= samples;
    }

    /** The decision after {@code drawn} samples of which {@code passes} passed. */
    public Decision decide(int passes, int drawn) {
        if (drawn == 0) {
            return Decision.CONTINUE;
        }
        if (passes >= passAt[drawn]) {
            return Decision.PASS;
        }
        if (passes <= failAt[drawn]) {
            return Decision.FAIL;
        }
        if (drawn >= samples || !canStillDecide(passes, drawn)) {
            return Decision.INCONCLUSIVE;
        }
        return Decision.CONTINUE;
    }

    /** Whether some later look can still pass (all further samples passing) or fail (all failing). */
    private boolean canStillDecide(int passes, int drawn) {
        for (int m = drawn + 1; m <= samples; m++) {
            if (passes + (m - drawn) >= passAt[m] || passes <= failAt[m]) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many more samples can be drawn at once without drawing one too many: the fewest after which the rule could
     * stop on some run of passes and failures (a pass, a fail, or neither being reachable any more). No stop can fall
     * inside such a batch, so drawing it concurrently gives exactly the verdict and the number of calls that drawing
     * one at a time would. 0 when the rule has already stopped.
     */
    public int nextDecisionIn(int passes, int drawn) {
        if (decide(passes, drawn) != Decision.CONTINUE && drawn > 0) {
            return 0;
        }
        for (int more = 1; drawn + more <= samples; more++) {
            for (int k = passes; k <= passes + more; k++) {
                if (decide(k, drawn + more) != Decision.CONTINUE) {
                    return more;
                }
            }
        }
        return 0;
    }

    /**
     * About how many more samples would likely settle an inconclusive verdict, if the observed rate held: the fewest
     * {@code m} for which {@code drawn + m} samples at the rate {@code passes/drawn} would cross a bound. Empty when the
     * observed rate equals {@code passRate} (no number of samples would likely settle it) or it would take more than
     * 100,000.
     */
    public java.util.OptionalInt moreSamplesToSettle(int passes, int drawn) {
        if (drawn == 0) {
            return java.util.OptionalInt.empty();
        }
        double rate = (double) passes / drawn;
        if (Math.abs(rate - passRate) < 1e-9) {
            return java.util.OptionalInt.empty();
        }
        boolean up = rate > passRate;
        for (long n = drawn + 1; n <= drawn + 100_000L; n = n < drawn + 64 ? n + 1 : n + Math.max(1, (n - drawn) / 32)) {
            WilsonInterval i = WilsonInterval.ofZ(rate * n, (int) n, up ? zPass : zFail);
            if (up ? i.lower() >= passRate - EPSILON : i.upper() < passRate - EPSILON) {
                return java.util.OptionalInt.of((int) (n - drawn));
            }
        }
        return java.util.OptionalInt.empty();
    }

    /**
     * The fewest samples with which {@code passRate} at {@code confidence} can ever pass sequentially (all of them
     * passing), or 0 when none up to {@value SamplingPlan#MAX_SAMPLES} can.
     */
    public static int minimumSamples(double passRate, double confidence) {
        if (passRate >= 1) {
            return 0;
        }
        double z = WilsonInterval.zFor(confidence);
        // All passes: the lower bound is n/(n + z²), so nothing below this can pass; calibration only raises it.
        int from = Math.max(1, (int) Math.floor(z * z * passRate / (1 - passRate)));
        for (int n = from; n <= SamplingPlan.MAX_SAMPLES; n++) {
            if (of(n, passRate, confidence).canEverPass()) {
                return n;
            }
        }
        return 0;
    }

    /** The smallest z ≥ {@code floor} whose bound, at a true rate of exactly {@code rate}, is crossed with probability ≤ alpha. */
    private static double calibrated(int samples, double rate, double floor, double alpha, boolean passSide) {
        if (crossing(samples, rate, floor, passSide) <= alpha) {
            return floor;
        }
        double lo = floor;
        double hi = floor + 8;
        for (int i = 0; i < 50; i++) {
            double mid = (lo + hi) / 2;
            if (crossing(samples, rate, mid, passSide) <= alpha) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * The exact probability, when each sample passes with probability {@code rate}, that some look 1..samples crosses
     * the bound of z on one side (ignoring the other side, which can only stop a path earlier: an upper bound on the
     * chance of that verdict).
     */
    private static double crossing(int samples, double rate, double z, boolean passSide) {
        int[] bound = passSide ? passBoundary(samples, rate, z) : failBoundary(samples, rate, z);
        double[] alive = new double[samples + 2];
        alive[0] = 1;
        double crossed = 0;
        for (int n = 1; n <= samples; n++) {
            double[] next = new double[samples + 2];
            for (int k = 0; k < n; k++) {
                if (alive[k] != 0) {
                    next[k + 1] += alive[k] * rate;
                    next[k] += alive[k] * (1 - rate);
                }
            }
            for (int k = 0; k <= n; k++) {
                if (next[k] != 0 && (passSide ? k >= bound[n] : k <= bound[n])) {
                    crossed += next[k];
                    next[k] = 0;
                }
            }
            alive = next;
        }
        return crossed;
    }

    private static int[] passBoundary(int samples, double rate, double z) {
        int[] at = new int[samples + 1];
        for (int n = 1; n <= samples; n++) {
            int lo = 0;
            int hi = n + 1; // the lower bound rises with k: the first k that reaches the rate
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (WilsonInterval.ofZ(mid, n, z).lower() >= rate - EPSILON) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            at[n] = lo;
        }
        return at;
    }

    private static int[] failBoundary(int samples, double rate, double z) {
        int[] at = new int[samples + 1];
        for (int n = 1; n <= samples; n++) {
            int lo = -1;
            int hi = n; // the upper bound rises with k: the last k whose upper bound is below the rate
            while (lo < hi) {
                int mid = (lo + hi + 1) >> 1;
                if (WilsonInterval.ofZ(mid, n, z).upper() < rate - EPSILON) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            at[n] = lo;
        }
        return at;
    }

    /** What the sequential rule says after a look. */
    public enum Decision {
        /** Not sure yet: draw more. */
        CONTINUE,
        /** The pass rate is surely at least {@code passRate}. */
        PASS,
        /** The pass rate is surely below {@code passRate}. */
        FAIL,
        /** Every sample drawn (or neither bound reachable any more), and not sure either way. */
        INCONCLUSIVE
    }

    @Override
    public String toString() {
        return "SequentialBounds[samples=" + samples + ", passRate=" + passRate + ", confidence=" + confidence + ", zPass="
                + zPass + ", zFail=" + zFail + "]";
    }
}
