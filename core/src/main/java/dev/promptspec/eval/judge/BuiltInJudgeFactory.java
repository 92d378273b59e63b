package dev.promptspec.eval.judge;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.SettingTemplate;
import dev.promptspec.eval.SettingValue;
import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.problem.InvalidConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Builds {@code uses: github/<metric>} judges. Beside {@code uses}, an entry may set {@code threshold}
 * (default 0.25: a rating of 2 of 5, gh-models' pass rule), {@code modelId}, and the variable each of the
 * judge's inputs comes from ({@code question}, {@code reference}, {@code context}).
 */
@API(status = INTERNAL, since = "0.1")
public final class BuiltInJudgeFactory {

    private BuiltInJudgeFactory() {
    }

    /** True for the names this factory builds. */
    public static boolean handles(String uses) {
        return uses.startsWith(BuiltInJudges.PREFIX);
    }

    public static Set<String> names() {
        return BuiltInJudges.names();
    }

    /**
     * The input keys each built-in judge accepts beside {@code uses} ({@code question}, {@code reference},
     * {@code context}), with the variable each one reads by default.
     */
    public static Map<String, Map<String, String>> inputs() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String name : names()) {
            out.put(name, new java.util.TreeMap<>(BuiltInJudges.find(name).orElseThrow().inputs()));
        }
        return out;
    }

    /**
     * @param uses     the {@code uses} value
     * @param at       the {@code uses} value as written
     * @param settings the entry's other keys, or null when it has none
     */
    public static Evaluator create(EvaluatorDefinition def, String uses, SettingValue at, EvaluatorSettings settings)
            throws InvalidConfigException {
        Optional<BuiltInJudges.Definition> found = BuiltInJudges.find(uses);
        if (found.isEmpty()) {
            throw at.reject("unknown built-in judge '" + uses + "'" + Suggestions.didYouMean(uses, names()),
                    "Built-in judges: " + String.join(", ", names()));
        }
        BuiltInJudges.Definition judge = found.get();
        String where = "evaluator '" + def.name() + "' (" + uses + ")";
        EvaluatorSettings c = settings != null ? settings.asValue().asSettings(where) : null;
        List<String> keys = new ArrayList<>(List.of("uses", "threshold", "modelId"));
        keys.addAll(judge.inputs().keySet());
        if (c != null) {
            c.allowOnly(keys);
        }
        Map<String, SettingTemplate> derived = new LinkedHashMap<>();
        for (Map.Entry<String, String> input : judge.inputs().entrySet()) {
            Optional<SettingTemplate> mapped = c != null ? c.template(input.getKey()) : Optional.empty();
            derived.put(input.getKey(), mapped.orElse(def.template("{{" + input.getValue() + "}}")));
        }
        Double threshold = c != null ? JudgeSettings.threshold(c, where) : null;
        return new JudgeEvaluator(def.name(), c != null ? JudgeSettings.modelId(c) : null, ModelParameters.NONE,
                def.template(BuiltInJudges.SYSTEM), def.template(judge.prompt()), null, BuiltInJudges.SCALE,
                threshold != null ? threshold : BuiltInJudges.DEFAULT_THRESHOLD, derived, List.of(judge.metric()),
                JudgeEvaluator.Wording.RATING);
    }
}
