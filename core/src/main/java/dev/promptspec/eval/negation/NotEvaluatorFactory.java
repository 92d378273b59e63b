package dev.promptspec.eval.negation;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.Position;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code not:} negates any other evaluator, written inside it as it would be written alone:
 * <pre>
 * - name: No apologies
 *   not:
 *     string: {contains: "I'm sorry"}
 * </pre>
 * The seed's {@code type:} form works too: {@code not: {type: regex, pattern: "(?i)as an AI"}}.
 */
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
        YamlMap map = def.configMap();
        String kind;
        YamlNode config;
        Position kindAt;
        if (map.get("type").orElse(null) instanceof YamlScalar type && !type.isNull()) {
            kind = type.text().trim();
            Map<String, YamlMap.Entry> rest = new LinkedHashMap<>(map.entries());
            rest.remove("type");
            config = new YamlMap(rest, map.position());
            kindAt = type.position();
        } else if (map.entry("uses").isPresent()) {
            // like the loader: uses: gets its whole mapping, so that its other keys (threshold:...) are its settings
            kind = "uses";
            config = map;
            kindAt = map.entry("uses").get().keyPosition();
        } else {
            List<YamlMap.Entry> entries = map.entryList();
            if (entries.size() != 1) {
                throw new InvalidConfigException(map.position(), "'not' in evaluator '" + def.name() + "' must hold exactly one evaluator kind, not "
                        + (entries.isEmpty() ? "none" : entries.size() + " keys (" + String.join(", ", map.keys()) + ")"),
                        "Write it as not: {string: {contains: ...}}; to negate several checks, use one 'not' per check");
            }
            kind = entries.get(0).key();
            config = entries.get(0).value();
            kindAt = entries.get(0).keyPosition();
        }
        if (MODEL_GRADED.contains(kind) || kind.equals("uses") && judged(map)) {
            throw new InvalidConfigException(kindAt, "'not' cannot negate the model-graded evaluator '" + def.name()
                    + "': a judge that cannot be reached or read fails, and negated that would pass",
                    "Ask the judge the opposite question instead (an llm: prompt whose passing choice is the negation)");
        }
        EvaluatorDefinition inner = new EvaluatorDefinition(def.name(), kind, config, kindAt, def.source(), def.registry(),
                def.problems());
        // "the negated java:orderIdPresent check": a uses: evaluator is named by what it uses
        String label = kind.equals("uses") && map.get("uses").orElse(null) instanceof YamlScalar uses ? uses.text().strip() : kind;
        return new NotEvaluator(label, def.registry().create(inner));
    }

    private static boolean judged(YamlMap map) {
        return map.get("uses").orElse(null) instanceof YamlScalar s && s.text().strip().startsWith("github/");
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
