package dev.promptspec.eval.length;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.Verdict;
import dev.promptspec.problem.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * {@code length:} bounds on the response's size: {@code minCharacters}/{@code maxCharacters},
 * {@code minWords}/{@code maxWords}, {@code minLines}/{@code maxLines}; every bound given must hold.
 */
@API(status = INTERNAL, since = "0.1")
public final class LengthEvaluatorFactory implements EvaluatorFactory {

    static final List<String> KEYS = List.of("minCharacters", "maxCharacters", "minWords", "maxWords", "minLines", "maxLines");

    @Override
    public String kind() {
        return "length";
    }

    @Override
    public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
        EvaluatorSettings c = def.settings();
        c.allowOnly(KEYS);
        List<LengthCheck> checks = new ArrayList<>();
        for (TextUnit unit : TextUnit.values()) {
            String suffix = unit.plural().substring(0, 1).toUpperCase(Locale.ROOT) + unit.plural().substring(1);
            Optional<Integer> min = c.integer("min" + suffix, 0);
            Optional<Integer> max = c.integer("max" + suffix, 0);
            if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
                throw c.get("min" + suffix).orElseThrow().reject(
                        "min" + suffix + " (" + min.get() + ") is greater than max" + suffix + " (" + max.get() + ")",
                        "Make min" + suffix + " at most max" + suffix);
            }
            if (min.isPresent() || max.isPresent()) {
                checks.add(new LengthCheck(unit, min.orElse(null), max.orElse(null)));
            }
        }
        if (checks.isEmpty()) {
            throw def.value().reject("length evaluator '" + def.name() + "' has no bound",
                    "Set one of " + String.join(", ", KEYS));
        }
        return context -> Verdict.all(checks.stream().map(check -> check.check(context.response())).toList());
    }

    @Override
    public String settingsSchema() {
        return """
                {
                  "type": "object",
                  "description": "Bounds on the size of the trimmed response; every bound given must hold. PromptSpec extension.",
                  "properties": {
                    "minCharacters": {"type": "integer", "minimum": 0, "description": "At least this many characters (Unicode code points)."},
                    "maxCharacters": {"type": "integer", "minimum": 0, "description": "At most this many characters (Unicode code points)."},
                    "minWords": {"type": "integer", "minimum": 0, "description": "At least this many words (runs of non-whitespace)."},
                    "maxWords": {"type": "integer", "minimum": 0, "description": "At most this many words (runs of non-whitespace)."},
                    "minLines": {"type": "integer", "minimum": 0, "description": "At least this many lines, blank ones included."},
                    "maxLines": {"type": "integer", "minimum": 0, "description": "At most this many lines, blank ones included."}
                  },
                  "additionalProperties": false,
                  "minProperties": 1
                }
                """;
    }
}
