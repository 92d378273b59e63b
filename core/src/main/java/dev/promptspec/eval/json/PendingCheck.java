package dev.promptspec.eval.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.SettingTemplate;
import dev.promptspec.problem.MissingVariableException;
import java.util.Set;
import java.util.function.BiFunction;

/** A check whose expected value may hold {@code {{variables}}}, so it is known only per test case. */
interface PendingCheck {

    JsonCheck resolve(EvaluationContext context) throws MissingVariableException;

    default Set<String> variables() {
        return Set.of();
    }

    static PendingCheck fixed(JsonCheck check) {
        return context -> check;
    }

    /** {@code check(pointer, the rendered text)}, per test case. */
    static PendingCheck templated(String pointer, SettingTemplate expected, BiFunction<String, JsonNode, JsonCheck> check) {
        return new PendingCheck() {
            @Override
            public JsonCheck resolve(EvaluationContext context) throws MissingVariableException {
                return check.apply(pointer, TextNode.valueOf(expected.render(context)));
            }

            @Override
            public Set<String> variables() {
                return expected.variables();
            }
        };
    }
}
