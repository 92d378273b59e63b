package dev.promptspec.mutation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.internal.util.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON operators, on a response that is a JSON object or array: they edit Jackson's tree (mutants are written back
 * compactly) and read the file's {@code jsonSchema}, when it has one, for required fields and valid values. Only
 * {@code wrap-code-fence} and {@code prose-before-json} keep the recorded text, around it.
 */
final class JsonOperators {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonOperators() {
    }

    static List<MutationOperator> all() {
        return List.of(json("drop-required-field", JsonOperators::dropRequiredField), json("change-type", JsonOperators::changeType),
                json("replace-value", JsonOperators::replaceValue),
                json("wrap-code-fence", s -> List.of("```json\n" + s.text() + "\n```")),
                json("prose-before-json", s -> List.of("Here is the JSON you asked for:\n\n" + s.text())));
    }

    /** An operator on a JSON response: no mutant of a Markdown one. */
    private static MutationOperator json(String name, Function<Subject, List<String>> rule) {
        return new MutationOperator(name, s -> s.isJson() ? rule.apply(s) : List.of());
    }

    /** A value in the response: where it is, and the schema that describes it (null when unknown). */
    record Located(JsonNode parent, String field, int index, JsonNode value, JsonNode schema) {
        boolean isField() {
            return field != null;
        }
    }

    /** Every object field and array element under the root, depth first in document order, with its schema. */
    static List<Located> values(JsonNode root, JsonNode schema) {
        List<Located> out = new ArrayList<>();
        collect(root, schema, out);
        return out;
    }

    private static void collect(JsonNode node, JsonNode schema, List<Located> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode fieldSchema = schema == null ? null : schema.path("properties").get(e.getKey());
                out.add(new Located(node, e.getKey(), -1, e.getValue(), fieldSchema));
                collect(e.getValue(), fieldSchema, out);
            }
        } else if (node.isArray()) {
            JsonNode items = schema == null ? null : schema.get("items");
            for (int i = 0; i < node.size(); i++) {
                out.add(new Located(node, null, i, node.get(i), items));
                collect(node.get(i), items, out);
            }
        }
    }

    /**
     * The response with the value at {@code where} replaced by {@code replacement} (removed when it is empty), written
     * compactly. The root is copied: the subject's tree is shared by every operator.
     */
    static String with(Subject subject, Located where, Optional<JsonNode> replacement) {
        JsonNode copy = subject.json().deepCopy();
        // Same traversal on the copy: the n-th located value of the copy is the n-th of the original (found by identity:
        // equal values may sit in several places).
        List<Located> original = values(subject.json(), null);
        int at = 0;
        while (!(original.get(at).parent() == where.parent() && Objects.equals(original.get(at).field(), where.field())
                && original.get(at).index() == where.index())) {
            at++;
        }
        Located target = values(copy, null).get(at);
        if (target.isField()) {
            ObjectNode parent = (ObjectNode) target.parent();
            if (replacement.isPresent()) {
                parent.set(target.field(), replacement.get());
            } else {
                parent.remove(target.field());
            }
        } else {
            ArrayNode parent = (ArrayNode) target.parent();
            if (replacement.isPresent()) {
                parent.set(target.index(), replacement.get());
            } else {
                parent.remove(target.index());
            }
        }
        try {
            return Json.MAPPER.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree Jackson read, Jackson writes
        }
    }

    /**
     * One mutant per required field present in the response (the schema's {@code required}, at any depth); without a
     * schema, per top-level field.
     */
    static List<String> dropRequiredField(Subject subject) {
        List<String> out = new ArrayList<>();
        for (Located l : values(subject.json(), subject.schema())) {
            if (l.isField() && required(l, subject)) {
                out.add(with(subject, l, Optional.empty()));
            }
        }
        return out;
    }

    private static boolean required(Located l, Subject subject) {
        if (subject.schema() == null) {
            return l.parent() == subject.json();
        }
        JsonNode parentSchema = schemaOf(l.parent(), subject);
        if (parentSchema == null) {
            return false;
        }
        for (JsonNode name : parentSchema.path("required")) {
            if (name.asText().equals(l.field())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode schemaOf(JsonNode node, Subject subject) {
        if (node == subject.json()) {
            return subject.schema();
        }
        return values(subject.json(), subject.schema()).stream().filter(v -> v.value() == node).map(Located::schema)
                .findFirst().orElse(null);
    }

    /** One mutant per object field: its value of another JSON type (a string becomes a number, an array an object...). */
    static List<String> changeType(Subject subject) {
        return values(subject.json(), null).stream().filter(Located::isField)
                .map(l -> with(subject, l, Optional.of(otherType(l.value())))).toList();
    }

    static JsonNode otherType(JsonNode value) {
        if (value.isTextual()) {
            return NODES.numberNode(value.asText().length());
        }
        if (value.isNumber() || value.isBoolean()) {
            return NODES.textNode(value.asText());
        }
        if (value.isArray()) {
            return NODES.objectNode();
        }
        if (value.isObject()) {
            return NODES.arrayNode();
        }
        return NODES.numberNode(0); // null
    }

    /**
     * One mutant per scalar value: another valid value of the same type. From the schema's {@code enum} when it has one,
     * else another case's {@code expected} when the value is this case's, else the opposite boolean, the number plus one,
     * or {@code "n/a"} for a string. Nulls outside an enum are left alone.
     */
    static List<String> replaceValue(Subject subject) {
        List<String> out = new ArrayList<>();
        for (Located l : values(subject.json(), subject.schema())) {
            if (l.value().isValueNode()) {
                replacement(l, subject).ifPresent(r -> out.add(with(subject, l, Optional.of(r))));
            }
        }
        return out;
    }

    private static Optional<JsonNode> replacement(Located l, Subject subject) {
        JsonNode value = l.value();
        if (l.schema() != null && l.schema().path("enum").isArray()) {
            for (JsonNode option : l.schema().get("enum")) {
                if (!option.equals(value)) {
                    return Optional.of(option);
                }
            }
            return Optional.empty();
        }
        if (value.isTextual() && subject.expected() != null && value.asText().equalsIgnoreCase(subject.expected())
                && !subject.alternatives().isEmpty()) {
            return Optional.of(NODES.textNode(subject.alternatives().get(0)));
        }
        if (value.isBoolean()) {
            return Optional.of(NODES.booleanNode(!value.asBoolean()));
        }
        if (value.isIntegralNumber()) {
            return Optional.of(NODES.numberNode(value.asLong() + 1));
        }
        if (value.isNumber()) {
            return Optional.of(NODES.numberNode(value.asDouble() + 1));
        }
        if (value.isTextual() && !value.asText().equals("n/a")) {
            return Optional.of(NODES.textNode("n/a"));
        }
        return Optional.empty();
    }
}
