package dev.promptspec.eval.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.SettingValue;
import dev.promptspec.eval.Verdict;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.promptfile.PromptSource;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * {@code json:} the response is JSON, optionally valid against a JSON Schema and with values at JSON pointers:
 * <pre>
 * - name: Order summary
 *   json:
 *     schemaFile: schemas/order-summary.schema.json
 *     equals: {/status: CONFIRMED, /customer/id: "{{customer_id}}"}
 *     contains: {/tags: urgent}
 *     exists: [/orderId]
 * </pre>
 * Also builds the implicit "responseFormat" check of files that ask for JSON.
 */
@API(status = INTERNAL, since = "0.1")
public final class JsonEvaluatorFactory implements EvaluatorFactory {

    /**
     * The name of the implicit check added to files with {@code responseFormat: json_object} or {@code json_schema}:
     * the response is a JSON object, valid against {@code jsonSchema} when there is one.
     */
    public static final String RESPONSE_FORMAT_CHECK = "responseFormat";

    static final List<String> KEYS = List.of("stripFence", "schema", "schemaFile", "equals", "contains", "exists", "absent");

    @Override
    public String kind() {
        return "json";
    }

    @Override
    public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
        SettingValue shorthand = def.value();
        if (shorthand.isScalar()) {
            if (shorthand.text().equals("valid") || shorthand.asBoolean().orElse(false)) {
                return new JsonEvaluator(false, List.of());
            }
            throw shorthand.reject("json evaluator '" + def.name() + "' must be 'valid' or a mapping, not '"
                    + shorthand.text() + "'", "Write json: valid, or json: with schema:, equals:, contains:, exists: or absent:");
        }
        EvaluatorSettings c = def.settings();
        String where = c.where();
        c.allowOnly(KEYS);
        List<PendingCheck> checks = new ArrayList<>();
        if (c.has("schema") && c.has("schemaFile")) {
            throw c.keyOf("schemaFile").reject(where + " has both 'schema' and 'schemaFile'",
                    "Keep one of them");
        }
        Optional<SettingValue> schema = c.get("schema");
        if (schema.isPresent()) {
            checks.add(PendingCheck.fixed(JsonChecks.matchesSchema(inlineSchema(schema.get(), def.source()))));
        }
        Optional<String> schemaFile = c.string("schemaFile");
        if (schemaFile.isPresent()) {
            SettingValue at = c.get("schemaFile").orElseThrow();
            checks.add(PendingCheck.fixed(JsonChecks.matchesSchema(schemaFile(schemaFile.get(), def.source(), at))));
        }
        checks.addAll(valueChecks(c, "equals", JsonChecks::equalsAt));
        checks.addAll(valueChecks(c, "contains", JsonChecks::containsAt));
        checks.addAll(pointerChecks(c, "exists", JsonChecks::existsAt));
        checks.addAll(pointerChecks(c, "absent", JsonChecks::absentAt));
        return new JsonEvaluator(c.bool("stripFence").orElse(false), checks);
    }

    /**
     * The implicit check of a file with {@code responseFormat: json_object} (the response is a JSON object) or
     * {@code json_schema} (it also matches {@code jsonSchema.schema}).
     */
    public static Evaluator forResponseFormat(ResponseFormat format, PromptSource source) throws InvalidConfigException {
        if (!format.isJsonSchema()) {
            return context -> {
                JsonResponse json = JsonResponse.read(context.response(), false);
                if (json.isValid() && !json.root().isObject()) {
                    return Verdict.fail("responseFormat json_object wants a JSON object; the response is "
                            + JsonValues.describe(json.root()).replaceAll("^\\(|\\)$", ""));
                }
                return json.validity();
            };
        }
        JsonNode schemaNode;
        try {
            schemaNode = JsonResponse.MAPPER.readTree(format.jsonSchemaJson()).get("schema");
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(format.position(), "'jsonSchema' is not valid JSON: " + e.getOriginalMessage());
        }
        JsonSchema schema;
        try {
            schema = JsonSchema.of(schemaNode.toString(), source.localFile().map(Path::toUri).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(format.position(), "jsonSchema: " + e.getMessage(), "Fix the schema under jsonSchema.schema");
        }
        return new JsonEvaluator(false, List.of(PendingCheck.fixed(JsonChecks.matchesSchema(schema))));
    }

    private static JsonSchema inlineSchema(SettingValue value, PromptSource source) throws InvalidConfigException {
        String text = value.isMapping() || value.isList() ? value.toJson() : value.text();
        try {
            return JsonSchema.of(text, source.localFile().map(Path::toUri).orElse(null));
        } catch (IllegalArgumentException e) {
            throw value.reject(e.getMessage(),
                    "Write the schema as a YAML mapping or a JSON string (draft 2020-12 unless it sets $schema)");
        }
    }

    /** Relative to the prompt file's directory, or to its URL when it sits inside a jar. */
    private static JsonSchema schemaFile(String name, PromptSource source, SettingValue at) throws InvalidConfigException {
        try {
            if (source.directory().isPresent()) {
                return JsonSchema.of(source.directory().get().resolve(name).normalize());
            }
            if (source.uri().getScheme() != null && List.of("jar", "file").contains(source.uri().getScheme())) {
                return JsonSchema.of(new URL(source.uri().toURL(), name));
            }
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw at.reject(e.getMessage(), "schemaFile is resolved against the prompt file's directory");
        }
        throw at.reject("schemaFile '" + name + "' cannot be resolved: " + source.name() + " is not a file",
                "Inline the schema with schema: instead");
    }

    private static List<PendingCheck> valueChecks(EvaluatorSettings c, String key,
            BiFunction<String, JsonNode, JsonCheck> check) throws InvalidConfigException {
        Optional<SettingValue> entry = c.get(key);
        if (entry.isEmpty()) {
            return List.of();
        }
        if (!entry.get().isMapping()) {
            throw entry.get().reject("'" + key + "' must map JSON pointers to values, not "
                    + entry.get().describe(), "Write " + key + ": {/status: SHIPPED, /items/0/sku: A-1}");
        }
        EvaluatorSettings pointers = entry.get().asSettings("'" + key + "' of " + c.where());
        List<PendingCheck> out = new ArrayList<>();
        for (String written : pointers.keys()) {
            String pointer = pointer(written, pointers.keyOf(written));
            SettingValue value = pointers.get(written).orElseThrow();
            if (value.isText() && value.text().contains("{{")) {
                out.add(PendingCheck.templated(pointer, value.template(), check));
            } else {
                out.add(PendingCheck.fixed(check.apply(pointer, JsonResponse.MAPPER.valueToTree(value.toJava()))));
            }
        }
        return out;
    }

    private static List<PendingCheck> pointerChecks(EvaluatorSettings c, String key, Function<String, JsonCheck> check)
            throws InvalidConfigException {
        Optional<List<String>> pointers = c.strings(key);
        List<PendingCheck> out = new ArrayList<>();
        for (String p : pointers.orElse(List.of())) {
            out.add(PendingCheck.fixed(check.apply(pointer(p, c.get(key).orElseThrow()))));
        }
        return out;
    }

    private static String pointer(String written, SettingValue at) throws InvalidConfigException {
        if (!written.isEmpty() && !written.startsWith("/")) {
            throw at.reject("'" + written + "' is not a JSON pointer",
                    "JSON pointers start with / and separate keys and indexes with /, e.g. /items/0/sku");
        }
        try {
            JsonPointer.compile(written);
        } catch (IllegalArgumentException e) {
            throw at.reject("'" + written + "' is not a JSON pointer: " + e.getMessage(), null);
        }
        return written;
    }

    @Override
    public String settingsSchema() {
        return """
                {
                  "description": "The response is JSON: 'valid' (or true) for validity alone, or a mapping of checks. PromptSpec extension.",
                  "anyOf": [
                    {"description": "Only check that the response is JSON.", "enum": ["valid", true]},
                    {
                      "type": "object",
                      "properties": {
                        "stripFence": {"type": "boolean", "description": "Read the JSON inside a ```json (or language-less) code fence when there is one. Default false."},
                        "schema": {"description": "A JSON Schema the response must match, as YAML or as a JSON string (draft 2020-12 unless it sets $schema).", "type": ["object", "boolean", "string"]},
                        "schemaFile": {"type": "string", "description": "A .json, .yml or .yaml JSON Schema file, relative to the prompt file. Not together with schema."},
                        "equals": {"type": "object", "description": "JSON pointer -> value the response must hold there, compared as JSON (42 equals 42.0); text values may use {{variables}}.", "propertyNames": {"pattern": "^(/.*)?$"}},
                        "contains": {"type": "object", "description": "JSON pointer -> a substring of the text there, an element of the array there, or fields of the object there; text values may use {{variables}}.", "propertyNames": {"pattern": "^(/.*)?$"}},
                        "exists": {"description": "JSON pointers that must be present.", "anyOf": [{"type": "string", "pattern": "^(/.*)?$"}, {"type": "array", "items": {"type": "string", "pattern": "^(/.*)?$"}}]},
                        "absent": {"description": "JSON pointers that must not be present.", "anyOf": [{"type": "string", "pattern": "^(/.*)?$"}, {"type": "array", "items": {"type": "string", "pattern": "^(/.*)?$"}}]}
                      },
                      "additionalProperties": false
                    }
                  ]
                }
                """;
    }
}
