package dev.promptspec.sampling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * The verdict of a sampled case: how many samples passed, the interval of the pass rate, and what that means.
 *
 * @param plan        how the case was sampled
 * @param passes      samples that passed
 * @param drawn       samples drawn (at most {@code plan.samples()})
 * @param outcome     the verdict
 * @param interval    the Wilson interval of the pass rate at the plan's confidence
 * @param moreSamples for an inconclusive verdict: about how many more samples would likely settle it, if known
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record PassRate(SamplingPlan plan, int passes, int drawn, Outcome outcome, WilsonInterval interval,
        OptionalInt moreSamples) {

    /** The verdict of the samples. */
    public enum Outcome {
        /** Sure (sequential) or observed (observed) to reach {@code passRate}. */
        PASSED,
        /** Sure (sequential) or observed (observed) to fall below {@code passRate}. */
        FAILED,
        /** Sequential only: every sample drawn and not sure either way. */
        INCONCLUSIVE,
        /** Sampling stopped before a verdict: a sample could not be judged, the budget ran out, the run was cancelled. */
        UNDECIDED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PassRate {
        moreSamples = moreSamples == null ? OptionalInt.empty() : moreSamples;
    }

    /** The verdict of {@code passes} of {@code drawn} samples under {@code plan} (the loop has stopped). */
    public static PassRate of(SamplingPlan plan, int passes, int drawn, boolean stoppedEarly) {
        WilsonInterval interval = WilsonInterval.of(passes, drawn, plan.confidence());
        if (stoppedEarly) {
            return new PassRate(plan, passes, drawn, Outcome.UNDECIDED, interval, OptionalInt.empty());
        }
        if (plan.policy() == SamplingPolicy.OBSERVED) {
            boolean reached = drawn > 0 && (double) passes / drawn >= plan.passRate() - 1e-12;
            return new PassRate(plan, passes, drawn, reached ? Outcome.PASSED : Outcome.FAILED, interval, OptionalInt.empty());
        }
        SequentialBounds bounds = plan.bounds();
        return switch (bounds.decide(passes, drawn)) {
            case PASS -> new PassRate(plan, passes, drawn, Outcome.PASSED, interval, OptionalInt.empty());
            case FAIL -> new PassRate(plan, passes, drawn, Outcome.FAILED, interval, OptionalInt.empty());
            default -> new PassRate(plan, passes, drawn, Outcome.INCONCLUSIVE, interval, bounds.moreSamplesToSettle(passes, drawn));
        };
    }

    /** The share of drawn samples that passed (0 before any). */
    public double observedRate() {
        return drawn == 0 ? 0 : (double) passes / drawn;
    }

    /** Whether the build counts the case as passed: a pass, or an inconclusive verdict under {@code inconclusive: pass}. */
    public boolean passed() {
        return outcome == Outcome.PASSED || outcome == Outcome.INCONCLUSIVE && plan.inconclusive() == Inconclusive.PASS;
    }

    /** Samples not drawn: the calls the plan saved against drawing every sample. */
    public int samplesSaved() {
        return outcome == Outcome.UNDECIDED ? 0 : plan.samples() - drawn;
    }

    /**
     * The verdict in one line, for example {@code inconclusive: 7 of 10 samples passed (observed 0.70, 95% interval
     * 0.40–0.89), passRate 0.80, sequential; about 52 more samples would likely settle it}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(outcome.label()).append(": ").append(passes).append(" of ").append(drawn)
                .append(drawn == 1 ? " sample" : " samples").append(" passed (observed ").append(two(observedRate()))
                .append(", ").append(percent(plan.confidence())).append(" interval ").append(two(interval.lower())).append("–")
                .append(two(interval.upper())).append("), passRate ").append(two(plan.passRate())).append(", ")
                .append(plan.policy().label());
        if (drawn < plan.samples() && outcome != Outcome.UNDECIDED) {
            sb.append(", stopped after ").append(drawn).append(" of ").append(plan.samples());
        }
        if (outcome == Outcome.INCONCLUSIVE) {
            if (moreSamples.isPresent()) {
                sb.append("; about ").append(moreSamples.getAsInt()).append(" more samples would likely settle it (samples: ")
                        .append(drawn + moreSamples.getAsInt()).append(')');
            } else {
                sb.append("; the observed rate is too close to passRate for more samples to likely settle it");
            }
            sb.append(plan.inconclusive() == Inconclusive.PASS ? " (inconclusive counts as passed)" : "");
        }
        return sb.toString();
    }

    static String two(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    static String percent(double confidence) {
        String s = java.math.BigDecimal.valueOf(confidence).movePointRight(2).stripTrailingZeros().toPlainString();
        return s + "%";
    }
}
