package dev.promptspec.junit;

import dev.promptspec.sampling.SamplingPlan;
import dev.promptspec.sampling.SamplingSettings;
import java.util.ArrayList;
import java.util.List;

/** The sampling settings a {@code @PromptSpec} class's attributes set, and what is wrong with them. */
final class ClassSampling {

    private ClassSampling() {
    }

    /** What {@code annotation} on {@code testClass} sets (unset attributes stay unset). */
    static SamplingSettings of(PromptSpec annotation, Class<?> testClass) {
        Integer samples = annotation.samples() > 0 ? annotation.samples() : null;
        Double passRate = annotation.passRate() >= 0 ? annotation.passRate() : null;
        Double confidence = annotation.confidence() >= 0 ? annotation.confidence() : null;
        return SamplingSettings.of(samples, passRate, confidence, "@PromptSpec on " + testClass.getName());
    }

    /** Each attribute out of range, as a sentence naming the class. */
    static List<String> problems(PromptSpec annotation, Class<?> testClass) {
        List<String> out = new ArrayList<>();
        String where = "@PromptSpec on " + testClass.getName() + ": ";
        if (annotation.samples() < 0 || annotation.samples() > SamplingPlan.MAX_SAMPLES) {
            out.add(where + "samples = " + annotation.samples() + " is out of range; write 1 to " + SamplingPlan.MAX_SAMPLES
                    + " (0, the default, leaves it unset)");
        }
        double passRate = annotation.passRate();
        if (passRate != -1 && !(passRate > 0 && passRate <= 1)) {
            out.add(where + "passRate = " + passRate + " is out of range; write the share of samples that must pass, above 0 and"
                    + " at most 1 (-1, the default, leaves it unset)");
        }
        double confidence = annotation.confidence();
        if (confidence != -1 && !(confidence >= 0.5 && confidence <= SamplingPlan.MAX_CONFIDENCE)) {
            out.add(where + "confidence = " + confidence + " is out of range; write 0.5 to " + SamplingPlan.MAX_CONFIDENCE
                    + " (-1, the default, leaves it unset)");
        }
        return out;
    }
}
