package dev.promptspec.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The statistics of sampled verdicts, against values computed by hand or exactly. */
class SequentialBoundsTest {

    private static SamplingPlan sequential(int samples, double passRate) {
        return new SamplingPlan(samples, passRate, 0.95, SamplingPolicy.SEQUENTIAL, Inconclusive.FAIL);
    }

    @Test
    void wilson_interval_of_ten_passes_out_of_ten_at_95_percent_is_072_to_1() {
        WilsonInterval i = WilsonInterval.of(10, 10, 0.95);
        assertThat(i.lower()).isCloseTo(10 / (10 + 1.959964 * 1.959964), within(1e-6)).isCloseTo(0.7225, within(1e-4));
        assertThat(i.upper()).isEqualTo(1.0);
        assertThat(WilsonInterval.zFor(0.95)).isCloseTo(1.959964, within(1e-5));
        assertThat(WilsonInterval.zFor(0.9)).isCloseTo(1.644854, within(1e-5));
        // 7 of 10: centre (0.7 + 0.192)/1.384 = 0.6445, half 0.2445 (by hand)
        WilsonInterval seven = WilsonInterval.of(7, 10, 0.95);
        assertThat(seven.lower()).isCloseTo(0.3968, within(1e-3));
        assertThat(seven.upper()).isCloseTo(0.8922, within(1e-3));
    }

    @Test
    void ten_samples_cannot_show_a_pass_rate_of_080_at_95_percent_and_sixteen_can() {
        assertThat(sequential(10, 0.8).canPass()).isFalse();
        assertThat(sequential(15, 0.8).canPass()).isFalse();
        assertThat(sequential(16, 0.8).canPass()).isTrue();
        assertThat(SequentialBounds.minimumSamples(0.8, 0.95)).isEqualTo(16);
        assertThat(SequentialBounds.minimumSamples(1.0, 0.95)).isZero();
        assertThat(new SamplingPlan(10, 0.8, 0.95, SamplingPolicy.OBSERVED, Inconclusive.FAIL).canPass()).isTrue();
    }

    @Test
    void one_failing_first_sample_does_not_fail_a_case_whose_pass_rate_must_be_080() {
        // The plain 95% Wilson upper bound after 0 of 1 is 0.79 < 0.8: a plain per-sample rule would fail here.
        assertThat(WilsonInterval.of(0, 1, 0.95).upper()).isLessThan(0.8);
        SequentialBounds bounds = sequential(20, 0.8).bounds();
        assertThat(bounds.decide(0, 1)).isEqualTo(SequentialBounds.Decision.CONTINUE);
        assertThat(bounds.zFail()).isGreaterThan(WilsonInterval.zFor(0.95));
        assertThat(bounds.zPass()).isEqualTo(WilsonInterval.zFor(0.95)); // no stricter than the interval itself
        assertThat(bounds.decide(16, 16)).isEqualTo(SequentialBounds.Decision.PASS);
        assertThat(bounds.decide(15, 16)).isEqualTo(SequentialBounds.Decision.INCONCLUSIVE); // 20/20 can no longer pass
    }

    @Test
    void the_chance_of_a_wrong_verdict_is_at_most_one_minus_the_confidence_whatever_the_true_rate() {
        for (int samples : new int[] {5, 20, 60}) {
            for (double passRate : new double[] {0.5, 0.8}) {
                SamplingPlan plan = sequential(samples, passRate);
                for (double p : new double[] {0.3, 0.45, 0.5, 0.55, 0.7, 0.75, 0.8, 0.85, 0.95}) {
                    double[] outcome = exact(plan, p);
                    double wrong = p >= passRate ? outcome[1] : outcome[0];
                    assertThat(wrong).as("samples %d, passRate %.2f, true rate %.2f", samples, passRate, p).isLessThanOrEqualTo(0.05);
                }
            }
        }
    }

    @Test
    void batches_draw_exactly_what_one_at_a_time_would() {
        SamplingPlan plan = sequential(20, 0.8);
        List<Integer> batchSizes = new java.util.ArrayList<>();
        int[] inBatch = {0};
        Sampler.Sampled<Boolean> sampled = Sampler.run(plan, i -> {
            inBatch[0]++;
            return CompletableFuture.completedFuture(true);
        }, b -> {
            if (inBatch[0] > 0) {
                batchSizes.add(inBatch[0]);
                inBatch[0] = 0;
            }
            return b;
        }, b -> false).join();
        // All passing: a fail would be possible after a few samples, a pass only at the sixteenth; batches end there.
        assertThat(sampled.rate().outcome()).isEqualTo(PassRate.Outcome.PASSED);
        assertThat(sampled.samples()).hasSize(16);
        assertThat(batchSizes).hasSizeGreaterThan(1).allMatch(size -> size >= 1);
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(16);
        assertThat(sampled.rate().samplesSaved()).isEqualTo(4);
    }

    @Test
    void an_inconclusive_verdict_says_about_how_many_more_samples_would_settle_it() {
        SamplingPlan plan = sequential(20, 0.5);
        // 14 of 20 passed: observed 0.70, not yet sure it is above 0.5
        PassRate rate = PassRate.of(plan, 14, 20, false);
        assertThat(rate.outcome()).isEqualTo(PassRate.Outcome.INCONCLUSIVE);
        OptionalInt more = rate.moreSamples();
        assertThat(more).isPresent();
        assertThat(more.getAsInt()).isBetween(3, 30);
        assertThat(rate.describe()).startsWith("inconclusive: 14 of 20 samples passed (observed 0.70, 95% interval 0.48–0.85),"
                + " passRate 0.50, sequential; about " + more.getAsInt() + " more samples would likely settle it (samples: "
                + (20 + more.getAsInt()) + ")");
        assertThat(PassRate.of(plan, 10, 20, false).moreSamples()).isEmpty();
    }

    @Test
    void observed_draws_every_sample_and_compares_the_observed_rate() {
        SamplingPlan plan = new SamplingPlan(10, 0.8, 0.95, SamplingPolicy.OBSERVED, Inconclusive.FAIL);
        int[] calls = {0};
        Sampler.Sampled<Boolean> sampled = Sampler.run(plan, i -> {
            calls[0]++;
            return CompletableFuture.completedFuture(i != 3 && i != 7);
        }, b -> b, b -> false).join();
        assertThat(calls[0]).isEqualTo(10);
        assertThat(sampled.rate().outcome()).isEqualTo(PassRate.Outcome.PASSED);
        assertThat(sampled.rate().describe()).isEqualTo("passed: 8 of 10 samples passed (observed 0.80, 95% interval 0.49–0.94),"
                + " passRate 0.80, observed");
    }

    @Test
    void a_sample_that_cannot_be_judged_stops_the_sampling_undecided() {
        Sampler.Sampled<String> sampled = Sampler.run(sequential(20, 0.8),
                i -> CompletableFuture.completedFuture(i == 2 ? "error" : "pass"), "pass"::equals, "error"::equals).join();
        assertThat(sampled.rate().outcome()).isEqualTo(PassRate.Outcome.UNDECIDED);
        assertThat(sampled.rate().samplesSaved()).isZero();
        assertThat(sampled.samples()).contains("error");
    }

    /** The exact chances of a pass and of a fail, by dynamic programming over the samples. */
    private static double[] exact(SamplingPlan plan, double p) {
        double[] alive = new double[plan.samples() + 2];
        alive[0] = 1;
        double pass = 0;
        double fail = 0;
        for (int n = 1; n <= plan.samples(); n++) {
            double[] next = new double[plan.samples() + 2];
            for (int k = 0; k < n; k++) {
                next[k + 1] += alive[k] * p;
                next[k] += alive[k] * (1 - p);
            }
            for (int k = 0; k <= n; k++) {
                SequentialBounds.Decision d = plan.bounds().decide(k, n);
                if (d == SequentialBounds.Decision.PASS) {
                    pass += next[k];
                    next[k] = 0;
                } else if (d == SequentialBounds.Decision.FAIL) {
                    fail += next[k];
                    next[k] = 0;
                } else if (d == SequentialBounds.Decision.INCONCLUSIVE) {
                    next[k] = 0;
                }
            }
            alive = next;
        }
        return new double[] {pass, fail};
    }
}
