package dev.promptspec.eval.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptspec.eval.Texts;
import java.util.Map;

/** Comparing and showing JSON values the way a person means them: 42 equals 42.0. */
final class JsonValues {

    private JsonValues() {
    }

    static boolean same(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> {
            if (x.isNumber() && y.isNumber()) {
                return x.decimalValue().compareTo(y.decimalValue());
            }
            return x.equals(y) ? 0 : 1;
        }, b);
    }

    /**
     * A string contains a substring; an array contains an element that is {@code expected} (or, for an
     * object, has all its fields); an object contains all fields of an expected object.
     */
    static boolean contains(JsonNode actual, JsonNode expected) {
        if (actual.isTextual() && expected.isTextual()) {
            return actual.textValue().contains(expected.textValue());
        }
        if (actual.isArray()) {
            for (JsonNode element : actual) {
                if (same(element, expected) || element.isObject() && expected.isObject() && hasFields(element, expected)) {
                    return true;
                }
            }
            return false;
        }
        return actual.isObject() && expected.isObject() && hasFields(actual, expected);
    }

    private static boolean hasFields(JsonNode actual, JsonNode expected) {
        for (Map.Entry<String, JsonNode> field : expected.properties()) {
            JsonNode value = actual.get(field.getKey());
            if (value == null || !same(value, field.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Compact JSON, cut to a readable length. */
    static String show(JsonNode node) {
        String json = node.toString();
        return json.length() > 80 ? json.substring(0, 79) + "…" : json;
    }

    /** "(an object with 3 fields)", "(an array of 2 elements)", "(a string)". */
    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "(an object with " + node.size() + (node.size() == 1 ? " field)" : " fields)");
        }
        if (node.isArray()) {
            return "(an array of " + node.size() + (node.size() == 1 ? " element)" : " elements)");
        }
        return "(" + Texts.quote(node.toString(), 40) + ")";
    }
}
