package dev.promptspec.eval.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptspec.eval.Verdict;
import java.util.List;
import org.apiguardian.api.API;

/** The checks of the {@code json} evaluator, for use from Java. */
@API(status = INTERNAL, since = "0.1")
public final class JsonChecks {

    private JsonChecks() {
    }

    public static JsonCheck matchesSchema(JsonSchema schema) {
        return new SchemaCheck(schema);
    }

    /**
     * The value at {@code pointer} equals {@code expected} (numbers compare by value: 42 equals 42.0).
     *
     * @throws IllegalArgumentException when {@code pointer} is not a JSON pointer ({@code /a/0/b})
     */
    public static JsonCheck equalsAt(String pointer, JsonNode expected) {
        return new PointerCheck(JsonPointer.compile(pointer), PointerCheck.Op.EQUALS, expected);
    }

    /** The string at {@code pointer} contains a text, the array an element, the object all fields of {@code expected}. */
    public static JsonCheck containsAt(String pointer, JsonNode expected) {
        return new PointerCheck(JsonPointer.compile(pointer), PointerCheck.Op.CONTAINS, expected);
    }

    public static JsonCheck existsAt(String pointer) {
        return new PointerCheck(JsonPointer.compile(pointer), PointerCheck.Op.EXISTS, null);
    }

    public static JsonCheck absentAt(String pointer) {
        return new PointerCheck(JsonPointer.compile(pointer), PointerCheck.Op.ABSENT, null);
    }

    /** The response is JSON and every check holds; the detail names each that did not. */
    public static Verdict run(JsonResponse json, List<JsonCheck> checks) {
        if (!json.isValid()) {
            return json.validity();
        }
        if (checks.isEmpty()) {
            return json.validity();
        }
        return Verdict.all(checks.stream().map(c -> c.check(json)).toList());
    }
}
