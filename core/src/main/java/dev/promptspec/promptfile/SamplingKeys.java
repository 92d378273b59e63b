package dev.promptspec.promptfile;

import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import dev.promptspec.sampling.SamplingPlan;
import dev.promptspec.sampling.SamplingSettings;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code samples}, {@code passRate} and {@code confidence} from a prompt file or a {@code testData} entry (also a
 * data file's row, whose cells are texts: {@code "10"} is read as 10). A value out of range is an error at the value.
 */
final class SamplingKeys {

    static final List<String> KEYS = List.of("samples", "passRate", "confidence");

    /** What one mapping sets, and where the first of its keys is written (null when none is). */
    record Read(SamplingSettings settings, Position position) {
    }

    private SamplingKeys() {
    }

    static Read read(YamlMap map, String origin, ProblemCollector problems) {
        Position first = null;
        for (YamlMap.Entry e : map.entryList()) {
            if (KEYS.contains(e.key())) {
                first = e.keyPosition();
                break;
            }
        }
        if (first == null) {
            return new Read(SamplingSettings.NONE, null);
        }
        Integer samples = number(map, "samples", problems).map(d -> {
            if (d != Math.rint(d) || d < 1 || d > SamplingPlan.MAX_SAMPLES) {
                error(map, "samples", "is " + text(map, "samples") + ": write a whole number from 1 to " + SamplingPlan.MAX_SAMPLES,
                        "samples: 10 draws at most 10 samples; 1 is a single call", problems);
                return null;
            }
            return (int) (double) d;
        }).orElse(null);
        Double passRate = number(map, "passRate", problems).map(d -> {
            if (!(d > 0 && d <= 1)) {
                error(map, "passRate", "is " + text(map, "passRate") + ", outside 0 to 1",
                        "Write the share of samples that must pass, e.g. passRate: 0.8 for 80%", problems);
                return null;
            }
            return d;
        }).orElse(null);
        Double confidence = number(map, "confidence", problems).map(d -> {
            if (!(d >= 0.5 && d <= SamplingPlan.MAX_CONFIDENCE)) {
                error(map, "confidence", "is " + text(map, "confidence") + ", outside 0.5 to " + SamplingPlan.MAX_CONFIDENCE,
                        "Write how sure the verdict must be, e.g. confidence: 0.95", problems);
                return null;
            }
            return d;
        }).orElse(null);
        return new Read(SamplingSettings.of(samples, passRate, confidence, origin), first);
    }

    private static Optional<Double> number(YamlMap map, String key, ProblemCollector problems) {
        Optional<YamlMap.Entry> e = map.entry(key);
        if (e.isEmpty() || e.get().value() instanceof YamlScalar s && s.isNull()) {
            return Optional.empty();
        }
        if (e.get().value() instanceof YamlScalar s) {
            Optional<Double> d = s.asDouble();
            if (d.isPresent()) {
                return d;
            }
            try {
                return Optional.of(Double.parseDouble(s.text().trim()));
            } catch (NumberFormatException ex) {
                // reported below
            }
        }
        problems.error(Fields.valuePosition(e.get()), "'" + key + "' must be a number, not " + e.get().value().describe(),
                "Write a number such as " + (key.equals("samples") ? "10" : "0.8") + ", without quotes");
        return Optional.empty();
    }

    private static String text(YamlMap map, String key) {
        return map.scalar(key).map(YamlScalar::text).orElse("?");
    }

    private static void error(YamlMap map, String key, String message, String fix, ProblemCollector problems) {
        problems.error(Fields.valuePosition(map.entry(key).orElseThrow()), "'" + key + "' " + message, fix);
    }
}
