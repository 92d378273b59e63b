package dev.promptspec.eval.string;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.SettingTemplate;
import dev.promptspec.problem.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * {@code string:} checks. gh-models' four keys keep gh-models' semantics exactly: the response is
 * trimmed, {@code equals} is exact and case-sensitive, {@code contains}, {@code startsWith} and
 * {@code endsWith} ignore case, and when several are given only the first of
 * equals, contains, startsWith, endsWith is checked (we warn about the others). PromptSpec adds
 * {@code notContains}, {@code containsAll}, {@code containsAny} (all checked) and {@code ignoreCase}.
 */
@API(status = INTERNAL, since = "0.1")
public final class StringEvaluatorFactory implements EvaluatorFactory {

    static final List<String> GH_KEYS = List.of("equals", "contains", "startsWith", "endsWith");
    static final List<String> KEYS = List.of("equals", "contains", "startsWith", "endsWith", "notContains", "containsAll",
            "containsAny", "ignoreCase");

    @Override
    public String kind() {
        return "string";
    }

    @Override
    public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
        EvaluatorSettings c = def.settings();
        c.allowOnly(KEYS);
        Optional<Boolean> ignoreCase = c.bool("ignoreCase");
        List<StringCondition> conditions = new ArrayList<>();
        String chosen = null;
        for (String key : GH_KEYS) {
            Optional<SettingTemplate> v = c.template(key);
            if (v.isEmpty() || v.get().text().isEmpty()) {
                continue; // gh-models treats an empty value as unset
            }
            if (chosen == null) {
                chosen = key;
                boolean ic = ignoreCase.orElse(!key.equals("equals"));
                conditions.add(new StringCondition(StringCondition.Op.valueOf(op(key)), List.of(v.get()), ic));
            } else {
                c.keyOf(key).warn("'" + key + "' is not checked: string evaluator '" + def.name()
                        + "' already checks '" + chosen + "' (gh-models checks only the first of equals, contains, startsWith, endsWith)",
                        "Give '" + key + "' an evaluator of its own");
            }
        }
        boolean ic = ignoreCase.orElse(true);
        for (String key : List.of("notContains", "containsAll", "containsAny")) {
            Optional<List<SettingTemplate>> values = c.templates(key);
            if (values.isPresent()) {
                if (values.get().isEmpty() || values.get().stream().anyMatch(t -> t.text().isEmpty())) {
                    // an empty list or text would make a check that can never fail (or never pass)
                    throw c.get(key).orElseThrow().reject("'" + key + "' in string evaluator '" + def.name()
                            + "' " + (values.get().isEmpty() ? "is empty" : "holds an empty text"), "List the texts to look for");
                }
                conditions.add(new StringCondition(StringCondition.Op.valueOf(op(key)), values.get(), ic));
            }
        }
        if (conditions.isEmpty()) {
            throw def.value().reject("string evaluator '" + def.name() + "' has nothing to check",
                    "Set one of " + String.join(", ", KEYS.subList(0, 7)) + " to a non-empty text");
        }
        return new StringEvaluator(conditions);
    }

    @Override
    public String settingsSchema() {
        return """
                {
                  "type": "object",
                  "description": "Text checks on the trimmed response. gh-models' four keys keep its rules: equals is exact and case-sensitive; contains, startsWith and endsWith ignore case; only the first of them that is set is checked. PromptSpec's keys are all checked. Values may use {{variables}} of the test case.",
                  "properties": {
                    "equals": {"type": "string", "description": "The response must be exactly this text (case-sensitive unless ignoreCase: true). gh-models."},
                    "contains": {"type": "string", "description": "The response must contain this text, ignoring case. gh-models."},
                    "startsWith": {"type": "string", "description": "The response must start with this text, ignoring case. gh-models."},
                    "endsWith": {"type": "string", "description": "The response must end with this text, ignoring case. gh-models."},
                    "notContains": {"description": "The response must contain none of these texts (ignoring case). PromptSpec extension.", "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                    "containsAll": {"description": "The response must contain every one of these texts (ignoring case). PromptSpec extension.", "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                    "containsAny": {"description": "The response must contain at least one of these texts (ignoring case). PromptSpec extension.", "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
                    "ignoreCase": {"type": "boolean", "description": "Overrides the case rule of every check of this evaluator. PromptSpec extension."}
                  },
                  "additionalProperties": false
                }
                """;
    }

    private static String op(String key) {
        return switch (key) {
            case "equals" -> "EQUALS";
            case "contains" -> "CONTAINS";
            case "startsWith" -> "STARTS_WITH";
            case "endsWith" -> "ENDS_WITH";
            case "notContains" -> "NOT_CONTAINS";
            case "containsAll" -> "CONTAINS_ALL";
            default -> "CONTAINS_ANY";
        };
    }
}
