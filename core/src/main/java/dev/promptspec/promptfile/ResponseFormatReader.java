package dev.promptspec.promptfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.config.YamlLimits;
import dev.promptspec.internal.util.Json;
import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.internal.yaml.YamlValues;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code responseFormat} and {@code jsonSchema}. gh-models wants {@code jsonSchema} as a JSON string holding
 * {@code name} and {@code schema}; PromptSpec also takes a YAML mapping of the same, a file beside the prompt
 * file ({@code jsonSchema: schemas/answer.json}), and OpenAI's wire shape
 * ({@code responseFormat: {type: json_schema, json_schema: {...}}}).
 */
final class ResponseFormatReader {

    static final List<String> TYPES = List.of("text", "json_object", "json_schema");
    private static final ObjectMapper JSON = Json.MAPPER;

    private final PromptSource source;
    private final YamlLimits limits;
    private final ProblemCollector problems;

    ResponseFormatReader(PromptSource source, YamlLimits limits, ProblemCollector problems) {
        this.source = source;
        this.limits = limits;
        this.problems = problems;
    }

    ResponseFormat read(Fields fields) {
        Optional<YamlMap.Entry> entry = fields.entry("responseFormat", "response_format");
        Optional<YamlMap.Entry> schemaEntry = fields.entry("jsonSchema", "json_schema");
        if (entry.isEmpty()) {
            schemaEntry.ifPresent(e -> problems.warning(e.keyPosition(),
                    "'" + e.key() + "' is ignored without 'responseFormat: json_schema'", "Add responseFormat: json_schema"));
            return null;
        }
        YamlNode value = entry.get().value();
        String type;
        YamlNode inlineSchema = null;
        if (value instanceof YamlScalar s && !s.isNull()) {
            type = s.text().trim();
        } else if (value instanceof YamlMap m && m.get("type").orElse(null) instanceof YamlScalar t) {
            // OpenAI's wire shape: {type: json_schema, json_schema: {...}}
            type = t.text().trim();
            inlineSchema = m.get("json_schema").or(() -> m.get("jsonSchema")).orElse(null);
        } else {
            problems.error(Fields.valuePosition(entry.get()), "'" + entry.get().key() + "' must be one of "
                    + String.join(", ", TYPES) + ", not " + value.describe(), "Write e.g. responseFormat: json_object");
            return null;
        }
        if (!TYPES.contains(type)) {
            String lower = type.toLowerCase(Locale.ROOT);
            problems.error(value.position(), "responseFormat '" + type + "' is not one of " + String.join(", ", TYPES)
                    + Suggestions.didYouMean(type, TYPES), TYPES.contains(lower) ? "Write it in lower case: " + lower
                    : "json_object asks for any JSON; json_schema for JSON that matches jsonSchema");
            return null;
        }
        String schemaJson = null;
        if (type.equals("json_schema")) {
            YamlNode schemaNode = inlineSchema != null ? inlineSchema : schemaEntry.map(YamlMap.Entry::value).orElse(null);
            if (schemaNode == null) {
                problems.error(entry.get().keyPosition(), "'responseFormat: json_schema' needs a 'jsonSchema'",
                        "Add jsonSchema: with a 'name' and a 'schema' (as a JSON string, as gh-models writes it, as YAML, or a .json file beside the prompt file)");
                return null;
            }
            schemaJson = readJsonSchema(schemaNode);
            if (schemaJson == null) {
                return null;
            }
        } else if (schemaEntry.isPresent() && inlineSchema == null) {
            problems.warning(schemaEntry.get().keyPosition(), "'" + schemaEntry.get().key() + "' is ignored with 'responseFormat: "
                    + type + "'", "Use responseFormat: json_schema to send it, or remove it");
        }
        return new ResponseFormat(type, schemaJson, value.position());
    }

    /**
     * Where line {@code jsonLine}, column {@code jsonColumn} of a JSON text written as a literal block scalar
     * ({@code jsonSchema: |}) is in the file; {@code at} itself for other scalar styles, whose layout differs.
     */
    private Position inBlockScalar(Position at, int jsonLine, int jsonColumn) {
        String[] lines = source.text().split("\n", -1);
        if (!at.hasLine() || at.line() > lines.length || jsonLine < 1 || !lines[at.line() - 1].substring(Math.max(0,
                Math.min(at.column() - 1, lines[at.line() - 1].length()))).startsWith("|")) {
            return at;
        }
        int line = at.line() + jsonLine;
        if (line > lines.length) {
            return at;
        }
        // The block's indentation is its first line's; deeper spaces on later lines belong to the JSON text.
        String first = lines[at.line()];
        int indent = first.length() - first.stripLeading().length();
        return new Position(at.file(), line, indent + Math.max(1, jsonColumn));
    }

    /** The schema as compact JSON, or null after reporting why it cannot be used. */
    private String readJsonSchema(YamlNode node) {
        JsonNode json;
        String origin = "'jsonSchema'";
        Position at = node.position();
        if (node instanceof YamlScalar s && s.isString() && !s.text().isBlank()) {
            String text = s.text();
            if (!text.trim().startsWith("{") && text.trim().toLowerCase(Locale.ROOT).endsWith(".json")) {
                Optional<RelativeFiles.Content> file = RelativeFiles.read(source, text.trim(), limits, at, problems, "jsonSchema file");
                if (file.isEmpty()) {
                    return null;
                }
                text = file.get().text();
                origin = "jsonSchema file " + file.get().name();
            }
            try {
                json = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                boolean inFile = !origin.startsWith("'");
                Position where = inFile || e.getLocation() == null ? at : inBlockScalar(at, e.getLocation().getLineNr(),
                        e.getLocation().getColumnNr());
                problems.error(where, origin + " is not valid JSON: " + e.getOriginalMessage()
                        + (where != at || e.getLocation() == null ? "" : " (JSON line " + e.getLocation().getLineNr() + ", column "
                                + e.getLocation().getColumnNr() + ")"),
                        "Fix the JSON, or write the schema as a YAML mapping instead of a string");
                return null;
            }
        } else if (node instanceof YamlMap m) {
            json = JSON.valueToTree(YamlValues.toJava(m));
        } else {
            problems.error(at, "'jsonSchema' must be a JSON string, a mapping or a .json file name, not " + node.describe(),
                    "Write jsonSchema: with a 'name' and a 'schema'");
            return null;
        }
        if (json == null || !json.isObject()) {
            problems.error(at, origin + " must be a JSON object with 'name' and 'schema'",
                    "Write it as {\"name\": \"...\", \"schema\": {...JSON Schema...}}");
            return null;
        }
        if (!json.has("name") || !json.has("schema")) {
            String missing = !json.has("name") ? "name" : "schema";
            String hint = json.has("type") || json.has("properties")
                    ? " (it looks like a bare JSON Schema: wrap it as {\"name\": \"answer\", \"schema\": <it>})" : "";
            problems.error(at, origin + " has no '" + missing + "'" + hint,
                    "Write it as {\"name\": \"...\", \"schema\": {...JSON Schema...}}, as gh-models and OpenAI's json_schema response format expect");
            return null;
        }
        if (!json.get("schema").isObject()) {
            problems.error(at, "'schema' in " + origin + " must be a JSON Schema object, not " + json.get("schema").getNodeType()
                    .toString().toLowerCase(Locale.ROOT), "Write e.g. \"schema\": {\"type\": \"object\", \"properties\": {...}}");
            return null;
        }
        return json.toString();
    }
}
