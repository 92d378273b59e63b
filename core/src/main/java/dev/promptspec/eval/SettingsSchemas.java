package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.internal.util.Json;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apiguardian.api.API;

/** Reads the evaluator factories' {@linkplain EvaluatorFactory#settingsSchema() settings schemas}. */
@API(status = INTERNAL, since = "0.1")
public final class SettingsSchemas {

    private static final ObjectMapper JSON = Json.MAPPER;

    private SettingsSchemas() {
    }

    /**
     * The factory's schema as a JSON tree.
     *
     * @throws IllegalStateException naming the factory when its schema is not a JSON object
     */
    public static JsonNode parse(EvaluatorFactory factory) {
        String text = factory.settingsSchema();
        try {
            JsonNode node = text == null ? null : JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalStateException("the settings schema of evaluator kind '" + factory.kind() + "' ("
                        + factory.getClass().getName() + ") is not a JSON object: " + text);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the settings schema of evaluator kind '" + factory.kind() + "' ("
                    + factory.getClass().getName() + ") is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The names under {@code properties}, also inside {@code oneOf}/{@code anyOf}/{@code allOf} branches. */
    static Set<String> propertyNames(EvaluatorFactory factory) {
        Set<String> names = new LinkedHashSet<>();
        try {
            collect(parse(factory), names);
        } catch (IllegalStateException e) {
            // A broken schema only costs the "did you mean" hints; the schema test names the factory.
        }
        return names;
    }

    private static void collect(JsonNode schema, Set<String> into) {
        schema.path("properties").fieldNames().forEachRemaining(into::add);
        for (String combinator : new String[] {"oneOf", "anyOf", "allOf"}) {
            schema.path(combinator).forEach(branch -> collect(branch, into));
        }
    }
}
