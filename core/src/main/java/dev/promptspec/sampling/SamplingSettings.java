package dev.promptspec.sampling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The sampling settings one level sets: a {@code testData} entry, a prompt file, a {@code @PromptSpec} class or the
 * configuration. Any of them may be unset (null); the most specific level that sets a value wins ({@link #resolve}).
 *
 * @param samples      {@code samples}, or null
 * @param passRate     {@code passRate}, or null
 * @param confidence   {@code confidence}, or null
 * @param policy       {@code promptspec.sampling.policy} (configuration only), or null
 * @param inconclusive {@code promptspec.sampling.inconclusive} (configuration only), or null
 * @param origin       where these settings are written, as messages name it ("this entry", "the file",
 *                     "@PromptSpec on com.acme.TriageTest", "the configuration")
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record SamplingSettings(Integer samples, Double passRate, Double confidence, SamplingPolicy policy,
        Inconclusive inconclusive, String origin) {

    /** Nothing set. */
    public static final SamplingSettings NONE = new SamplingSettings(null, null, null, null, null, "nowhere");

    /** The three settings a prompt file, an entry or a {@code @PromptSpec} class may set. */
    public static SamplingSettings of(Integer samples, Double passRate, Double confidence, String origin) {
        return new SamplingSettings(samples, passRate, confidence, null, null, origin);
    }

    public boolean isEmpty() {
        return samples == null && passRate == null && confidence == null && policy == null && inconclusive == null;
    }

    /** The plan, or why these levels (most specific first) make no usable one. */
    public record Resolution(Optional<SamplingPlan> plan, String problem, String fix) {

        /** The plan; throws when there is none. */
        public SamplingPlan planOrThrow() {
            return plan.orElseThrow(() -> new IllegalStateException(problem));
        }
    }

    /**
     * Resolves the levels, most specific first, field by field: samples default 1, confidence 0.95, policy sequential,
     * inconclusive fail; {@code passRate} has no default and is required when {@code samples} is above 1. A setting
     * that could never pass (sequential, too few samples for the pass rate at the confidence) has no plan: its problem
     * says the minimum.
     */
    public static Resolution resolve(List<SamplingSettings> levels) {
        Map<String, String> origins = new LinkedHashMap<>();
        Integer samples = pick(levels, SamplingSettings::samples, "samples", origins);
        Double passRate = pick(levels, SamplingSettings::passRate, "passRate", origins);
        Double confidence = pick(levels, SamplingSettings::confidence, "confidence", origins);
        SamplingPolicy policy = pick(levels, SamplingSettings::policy, "policy", origins);
        Inconclusive inconclusive = pick(levels, SamplingSettings::inconclusive, "inconclusive", origins);
        int n = samples == null ? 1 : samples;
        if (n <= 1) {
            return new Resolution(Optional.of(SamplingPlan.SINGLE), null, null);
        }
        if (passRate == null) {
            return new Resolution(Optional.empty(), "samples: " + n + " (set by " + origins.get("samples") + ") needs a passRate,"
                    + " the share of samples that must pass", "Add passRate: (for example passRate: 0.8) beside samples:,"
                    + " or set promptspec.pass-rate");
        }
        SamplingPlan plan = new SamplingPlan(n, passRate, confidence == null ? SamplingPlan.DEFAULT_CONFIDENCE : confidence,
                policy == null ? SamplingPolicy.SEQUENTIAL : policy, inconclusive == null ? Inconclusive.FAIL : inconclusive);
        if (plan.canPass()) {
            return new Resolution(Optional.of(plan), null, null);
        }
        String confidenceText = PassRate.percent(plan.confidence());
        String where = sources(origins);
        int minimum = plan.minimumSamples();
        if (minimum == 0) {
            return new Resolution(Optional.empty(), "passRate: " + number(passRate) + " can never pass with sequential sampling at "
                    + confidenceText + " confidence" + (passRate >= 1 ? ": the interval's lower bound stays below 1 however many"
                    + " samples pass" : " within " + SamplingPlan.MAX_SAMPLES + " samples") + where,
                    "Lower passRate, or set promptspec.sampling.policy=observed to compare the observed rate with it");
        }
        double reached = WilsonInterval.ofZ(n, n, plan.bounds().zPass()).lower();
        return new Resolution(Optional.empty(), "samples: " + n + " with passRate: " + number(passRate) + " can never pass: at "
                + confidenceText + " confidence even " + n + " passes out of " + n + " leave the Wilson lower bound at "
                + PassRate.two(reached) + ", below " + number(passRate) + where + "; it needs at least " + minimum + " samples",
                "Set samples: " + minimum + " or more, lower passRate or confidence, or set promptspec.sampling.policy=observed");
    }

    private static <T> T pick(List<SamplingSettings> levels, java.util.function.Function<SamplingSettings, T> field, String name,
            Map<String, String> origins) {
        for (SamplingSettings level : levels) {
            T value = field.apply(level);
            if (value != null) {
                origins.put(name, level.origin());
                return value;
            }
        }
        return null;
    }

    /** " (samples from the configuration, passRate from this entry)" when the values come from several places. */
    private static String sources(Map<String, String> origins) {
        if (origins.values().stream().distinct().count() <= 1) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        origins.forEach((field, origin) -> {
            if (!field.equals("policy") && !field.equals("inconclusive")) {
                parts.add(field + " from " + origin);
            }
        });
        return " (" + String.join(", ", parts) + ")";
    }

    static String number(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
