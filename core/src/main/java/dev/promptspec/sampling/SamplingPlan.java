package dev.promptspec.sampling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How one case is sampled and judged. One sample (the default) is today's single call, judged by its checks alone.
 *
 * @param samples      the most samples drawn (1 to {@value #MAX_SAMPLES}); a sample is one full call plus every evaluator
 * @param passRate     the share of samples that must pass (above 0, at most 1)
 * @param confidence   how sure the verdict must be (0.5 to {@value #MAX_CONFIDENCE})
 * @param policy       sequential (stop when sure) or observed (always draw every sample)
 * @param inconclusive what a sequential verdict that is not sure either way means to the build
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record SamplingPlan(int samples, double passRate, double confidence, SamplingPolicy policy, Inconclusive inconclusive) {

    /** The most samples a case may draw. */
    public static final int MAX_SAMPLES = 1000;
    /** The default confidence. */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** The highest confidence accepted. */
    public static final double MAX_CONFIDENCE = 0.9999;
    /** One sample, judged by its checks: what a case does without sampling. */
    public static final SamplingPlan SINGLE = new SamplingPlan(1, 1, DEFAULT_CONFIDENCE, SamplingPolicy.SEQUENTIAL,
            Inconclusive.FAIL);

    public SamplingPlan {
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples must be 1 to " + MAX_SAMPLES + ", was " + samples);
        }
        if (!(passRate > 0 && passRate <= 1)) {
            throw new IllegalArgumentException("passRate must be above 0 and at most 1, was " + passRate);
        }
        if (!(confidence >= 0.5 && confidence <= MAX_CONFIDENCE)) {
            throw new IllegalArgumentException("confidence must be 0.5 to " + MAX_CONFIDENCE + ", was " + confidence);
        }
        if (policy == null || inconclusive == null) {
            throw new IllegalArgumentException("policy and inconclusive are required");
        }
    }

    /** More than one sample: the case's verdict is a pass rate, its samples are reported one by one. */
    public boolean isSampled() {
        return samples > 1;
    }

    /** The per-look decision bounds of this plan (computed once per distinct plan, then shared). */
    public SequentialBounds bounds() {
        return SequentialBounds.of(this);
    }

    /**
     * Whether some run of samples can pass: under {@code observed}, always; under {@code sequential}, only when even
     * {@code samples} passes in a row lift the interval's lower bound to {@code passRate} (10 of 10 at 95% reach only
     * 0.72, so {@code samples: 10, passRate: 0.8} can only fail or be inconclusive).
     */
    public boolean canPass() {
        return policy == SamplingPolicy.OBSERVED || !isSampled() || bounds().canEverPass();
    }

    /**
     * The fewest samples with which this plan's {@code passRate} and {@code confidence} can pass under {@code
     * sequential}, or 0 when no number up to {@value #MAX_SAMPLES} can (a {@code passRate} of 1, say).
     */
    public int minimumSamples() {
        return SequentialBounds.minimumSamples(passRate, confidence);
    }
}
