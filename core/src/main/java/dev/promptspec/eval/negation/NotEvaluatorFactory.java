package dev.promptspec.eval.negation;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.SettingValue;
import dev.promptspec.problem.InvalidConfigException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * {@code not:} negates any other evaluator, written inside it as it would be written alone:
 * <pre>
 * - name: No apologies
 *   not:
 *     string: {contains: "I'm sorry"}
 * </pre>
 * The seed's {@code type:} form works too: {@code not: {type: regex, pattern: "(?i)as an AI"}}.
 */
@API(status = INTERNAL, since = "0.1")
public final class NotEvaluatorFactory implements EvaluatorFactory {

    /**
     * Kinds whose failure may mean "could not judge" (judge unreachable, reply unreadable): negated, that
     * would pass. {@code uses: github/...} judges are refused too; {@code uses: java:...} is allowed.
     */
    static final Set<String> MODEL_GRADED = Set.of("llm", "similar");

    @Override
    public String kind() {
        return "not";
    }

    @Override
    public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
        EvaluatorSettings map = def.settings();
        SettingValue kind;
        SettingValue config;
        Optional<SettingValue> type = map.get("type").filter(SettingValue::isScalar);
        if (type.isPresent()) {
            kind = type.get();
            config = map.without("type").asValue();
        } else if (map.has("uses")) {
            // like the loader: uses: gets its whole mapping, so that its other keys (threshold:...) are its settings
            kind = map.keyOf("uses");
            config = map.asValue();
        } else {
            List<String> keys = map.keys();
            if (keys.size() != 1) {
                throw map.reject("'not' in evaluator '" + def.name() + "' must hold exactly one evaluator kind, not "
                        + (keys.isEmpty() ? "none" : keys.size() + " keys (" + String.join(", ", keys) + ")"),
                        "Write it as not: {string: {contains: ...}}; to negate several checks, use one 'not' per check");
            }
            kind = map.keyOf(keys.get(0));
            config = map.get(keys.get(0)).orElseThrow();
        }
        String kindName = kind.text().trim();
        if (MODEL_GRADED.contains(kindName) || kindName.equals("uses") && judged(map)) {
            throw kind.reject("'not' cannot negate the model-graded evaluator '" + def.name()
                    + "': a judge that cannot be reached or read fails, and negated that would pass",
                    "Ask the judge the opposite question instead (an llm: prompt whose passing choice is the negation)");
        }
        // "the negated java:orderIdPresent check": a uses: evaluator is named by what it uses
        Optional<SettingValue> uses = map.get("uses").filter(v -> v.isScalar() || v.isNull());
        String label = kindName.equals("uses") && uses.isPresent() ? uses.get().text().strip() : kindName;
        return new NotEvaluator(label, def.create(kind, config));
    }

    private static boolean judged(EvaluatorSettings map) {
        return map.get("uses").filter(v -> v.isScalar() || v.isNull()).map(v -> v.text().strip().startsWith("github/")).orElse(false);
    }

    @Override
    public String settingsSchema() {
        return """
                {
                  "description": "Negates one check, written as it would be alone (string: {...}, type: regex, uses: java:...); passes when that check fails. Model-graded checks (llm, similar, uses: github/...) cannot be negated. PromptSpec extension.",
                  "allOf": [
                    {"$ref": "#/definitions/check"},
                    {"not": {"anyOf": [
                      {"required": ["llm"]},
                      {"required": ["similar"]},
                      {"required": ["type"], "properties": {"type": {"enum": ["llm", "similar"]}}},
                      {"required": ["uses"], "properties": {"uses": {"pattern": "^github/"}}}
                    ]}}
                  ]
                }
                """;
    }
}
