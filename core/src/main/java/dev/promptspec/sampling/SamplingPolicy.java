package dev.promptspec.sampling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;

/** How samples are drawn and judged ({@code promptspec.sampling.policy}). */
@API(status = EXPERIMENTAL, since = "0.2")
public enum SamplingPolicy {
    /**
     * The default: after each sample, stop as soon as the pass rate is surely at or above {@code passRate} (pass) or
     * surely below it (fail); after {@code samples} samples with neither, the verdict is inconclusive.
     */
    SEQUENTIAL,
    /** Always draw {@code samples} samples; pass when the observed pass rate reaches {@code passRate}. */
    OBSERVED;

    /** The policy as configuration writes it ({@code sequential}, {@code observed}), any case. */
    public static Optional<SamplingPolicy> parse(String text) {
        return Labels.parse(SamplingPolicy.class, text);
    }

    /** As configuration and reports write it. */
    public String label() {
        return Labels.label(this);
    }
}
