package dev.promptspec.promptfile;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.problem.ProblemCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Reads a {@code modelParameters} mapping: the file's, or a judge's ({@code llm: {modelParameters: ...}}). One reader,
 * so both accept the same keys and spellings and report the same problems.
 */
@API(status = INTERNAL, since = "0.1")
public final class ModelParametersReader {

    static final Set<String> KEYS = Set.of("temperature", "maxTokens", "max_tokens", "maxCompletionTokens",
            "max_completion_tokens", "topP", "top_p", "stop", "seed", "frequencyPenalty", "frequency_penalty", "presencePenalty",
            "presence_penalty");
    /** Parameters of other providers: not sent, and never taken for a misspelling of one that is. */
    private static final Set<String> OTHER_PROVIDERS = Set.of("top_k", "topK");
    private static final String SENT = "PromptSpec sends only temperature, maxTokens, maxCompletionTokens, topP, stop, seed,"
            + " frequencyPenalty and presencePenalty (or their snake_case spellings); gh models ignores other keys too";

    private ModelParametersReader() {
    }

    /**
     * The parameters {@code map} sets. Every problem (a wrong type, a value out of range, an unknown key) goes to
     * {@code problems} at its position, and the parameter reads as unset.
     *
     * @param where how messages name the mapping: {@code "modelParameters"}
     */
    public static ModelParameters read(YamlMap map, String where, ProblemCollector problems) {
        Fields p = new Fields(map, problems, where);
        p.checkKeys(KEYS, OTHER_PROVIDERS, false, SENT);
        ModelParameters parameters = new ModelParameters(
                p.number("temperature").orElse(null),
                p.integer("maxTokens", "max_tokens").orElse(null),
                p.integer("maxCompletionTokens", "max_completion_tokens").orElse(null),
                p.number("topP", "top_p").orElse(null),
                stop(p, problems),
                p.integer("seed").orElse(null),
                p.number("frequencyPenalty", "frequency_penalty").orElse(null),
                p.number("presencePenalty", "presence_penalty").orElse(null));
        checkRange(p, problems, parameters.temperature(), 0, 2, "temperature");
        checkRange(p, problems, parameters.topP(), 0, 1, "topP", "top_p");
        return parameters;
    }

    private static List<String> stop(Fields p, ProblemCollector problems) {
        Optional<YamlMap.Entry> entry = p.entry("stop");
        if (entry.isEmpty()) {
            return null;
        }
        YamlNode v = entry.get().value();
        if (v instanceof YamlScalar s && !s.isNull()) {
            return List.of(s.text());
        }
        if (!(v instanceof YamlList l)) {
            return null;
        }
        List<String> stop = new ArrayList<>();
        for (YamlNode item : l.items()) {
            if (item instanceof YamlScalar s && !s.isNull()) {
                stop.add(s.text());
            } else {
                problems.error(item.position(), "'stop' entries must be texts, not " + item.describe(),
                        "Write each stop sequence as a quoted text");
            }
        }
        return stop;
    }

    private static void checkRange(Fields p, ProblemCollector problems, Double value, double min, double max, String... keys) {
        if (value != null && (value < min || value > max)) {
            p.entry(keys).ifPresent(e -> problems.error(e.value().position(),
                    "'" + e.key() + "' is " + ((YamlScalar) e.value()).text() + ", outside " + plain(min) + " to " + plain(max),
                    "Use a value from " + plain(min) + " to " + plain(max) + " (providers reject others)"));
        }
    }

    /** 1.0 as "1", 0.5 as "0.5". */
    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
