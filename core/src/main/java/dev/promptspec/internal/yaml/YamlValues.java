package dev.promptspec.internal.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.internal.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** Converts position-keeping nodes into plain Java values and text. */
@API(status = INTERNAL, since = "0.1")
public final class YamlValues {

    private static final ObjectMapper JSON = Json.MAPPER;

    private YamlValues() {
    }

    /** Maps, lists, strings, longs, doubles, booleans and nulls. */
    public static Object toJava(YamlNode node) {
        if (node instanceof YamlScalar s) {
            return switch (s.type()) {
                case NULL -> null;
                case BOOLEAN -> s.asBoolean().orElse(false);
                case INTEGER -> {
                    try {
                        yield Long.parseLong(s.text().replace("_", ""));
                    } catch (NumberFormatException e) {
                        yield s.text();
                    }
                }
                case FLOAT -> s.asDouble().<Object>map(d -> d).orElse(s.text());
                case STRING -> s.text();
            };
        }
        if (node instanceof YamlList l) {
            List<Object> out = new ArrayList<>(l.size());
            l.items().forEach(i -> out.add(toJava(i)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((YamlMap) node).entries().forEach((k, e) -> out.put(k, toJava(e.value())));
        return out;
    }

    /**
     * The text a variable takes: a scalar as written, a null as the empty string, and a mapping or
     * list as compact JSON (what a model reads best).
     */
    public static String toText(YamlNode node) {
        if (node instanceof YamlScalar s) {
            return s.isNull() ? "" : s.text();
        }
        return toJson(node);
    }

    public static String toJson(YamlNode node) {
        try {
            return JSON.writeValueAsString(toJava(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML value as JSON", e);
        }
    }
}
