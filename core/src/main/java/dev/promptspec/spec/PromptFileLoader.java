package dev.promptspec.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.problem.ProblemCollector;
import dev.promptspec.template.Template;
import dev.promptspec.util.Suggestions;
import dev.promptspec.yaml.Position;
import dev.promptspec.yaml.YamlLimits;
import dev.promptspec.yaml.YamlList;
import dev.promptspec.yaml.YamlMap;
import dev.promptspec.yaml.YamlNode;
import dev.promptspec.yaml.YamlReader;
import dev.promptspec.yaml.YamlScalar;
import dev.promptspec.yaml.YamlSyntaxException;
import dev.promptspec.yaml.YamlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Loads {@code .prompt.yml} files: GitHub Models' format, the snake_case spellings found in the wild,
 * and PromptSpec's extensions. Never throws for bad input: every problem is collected with its position.
 */
public final class PromptFileLoader {

    static final Set<String> TOP_LEVEL_KEYS = Set.of("name", "description", "model", "modelParameters",
            "responseFormat", "jsonSchema", "messages", "testData", "evaluators", "version", "authors", "metadata",
            "variables", "tags", "threshold");
    /** Spellings accepted for the same keys; gh-models ignores them, real files use them. */
    private static final Set<String> TOP_LEVEL_ALIASES = Set.of("model_parameters", "response_format", "json_schema",
            "test_data");
    private static final Set<String> MODEL_PARAMETER_KEYS = Set.of("temperature", "maxTokens", "max_tokens",
            "maxCompletionTokens", "max_completion_tokens", "topP", "top_p", "stop", "seed", "frequencyPenalty",
            "frequency_penalty", "presencePenalty", "presence_penalty");
    /** Keys of a testData entry that describe the entry rather than feed the prompt. */
    private static final Set<String> ENTRY_META_KEYS = Set.of("name", "description", "tags");
    private static final Set<String> EVALUATOR_COMMON_KEYS = Set.of("name", "description", "weight");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final YamlReader reader;
    private final Set<String> evaluatorKinds;

    /**
     * @param evaluatorKinds the kinds an evaluator entry may name ({@code string}, {@code regex}...), so
     *                       misspellings are caught at load time
     */
    public PromptFileLoader(YamlLimits limits, Set<String> evaluatorKinds) {
        this.reader = new YamlReader(limits);
        this.evaluatorKinds = Set.copyOf(evaluatorKinds);
    }

    public LoadedPromptFile load(PromptSource source) {
        ProblemCollector problems = new ProblemCollector();
        YamlNode root;
        try {
            root = reader.read(source.text(), source.name(), problems);
        } catch (YamlSyntaxException e) {
            problems.add(e.problem());
            return new LoadedPromptFile(source, Optional.empty(), problems.problems());
        }
        if (!(root instanceof YamlMap map)) {
            problems.error(root.position(), "a prompt file must be a mapping of keys (name:, messages:, testData:...), not "
                    + root.describe(), "Start the file with 'name: ...' and 'messages:'");
            return new LoadedPromptFile(source, Optional.empty(), problems.problems());
        }
        PromptFile file = new FileReader(source, map, problems).read();
        return new LoadedPromptFile(source, problems.hasErrors() ? Optional.empty() : Optional.of(file), problems.problems());
    }

    /** Reads one file's root mapping. */
    private final class FileReader {
        private final PromptSource source;
        private final YamlMap root;
        private final ProblemCollector problems;
        private final Fields fields;

        FileReader(PromptSource source, YamlMap root, ProblemCollector problems) {
            this.source = source;
            this.root = root;
            this.problems = problems;
            this.fields = new Fields(root, problems, "the prompt file");
        }

        PromptFile read() {
            Set<String> known = new LinkedHashSet<>(TOP_LEVEL_KEYS);
            known.addAll(TOP_LEVEL_ALIASES);
            for (YamlMap.Entry e : root.entryList()) {
                if (!known.contains(e.key())) {
                    problems.warning(e.keyPosition(), "unknown top-level key '" + e.key() + "' is ignored"
                            + Suggestions.didYouMean(e.key(), TOP_LEVEL_KEYS), "");
                }
            }
            Optional<String> model = readModel();
            Position modelPosition = fields.entry("model").map(YamlMap.Entry::keyPosition).orElse(root.position());
            ModelParameters parameters = readModelParameters();
            ResponseFormat responseFormat = readResponseFormat();
            List<VariableDeclaration> variables = readVariables();
            List<MessageTemplate> messages = readMessages();
            Map<String, Object> metadata = fields.map("metadata").map(m -> castMap(YamlValues.toJava(m))).orElse(Map.of());
            Set<String> tags = readTags();
            List<TestCase> testData = readTestData(variables);
            List<EvaluatorSpec> evaluators = readEvaluators();
            checkVariablesAreProvided(messages, variables, testData);
            return new PromptFile(source,
                    fields.string("name").orElse(null),
                    fields.string("description").orElse(null),
                    fields.string("version").orElse(null),
                    readAuthors(),
                    model,
                    modelPosition,
                    parameters,
                    responseFormat,
                    messages,
                    variables,
                    testData,
                    evaluators,
                    tags,
                    metadata,
                    readThreshold());
        }

        /** {@code threshold: 0.8}: the weighted score a case needs when not every check must pass. */
        private OptionalDouble readThreshold() {
            Optional<Double> threshold = fields.number("threshold");
            if (threshold.isPresent() && (threshold.get() < 0 || threshold.get() > 1)) {
                problems.error(fields.entry("threshold").get().value().position(), "'threshold' is " + threshold.get()
                        + "; it must be between 0 and 1", "Write the share of the weighted checks a case needs, e.g. threshold: 0.8");
                return OptionalDouble.empty();
            }
            return threshold.map(OptionalDouble::of).orElse(OptionalDouble.empty());
        }

        private Optional<String> readModel() {
            Optional<YamlMap.Entry> entry = fields.entry("model");
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            YamlNode value = entry.get().value();
            if (value instanceof YamlScalar s) {
                return s.isNull() || s.text().isBlank() ? Optional.empty() : Optional.of(s.text().trim());
            }
            if (value instanceof YamlMap m) {
                // Some tools write model: {id: ..., provider: ...}; take the id and say so.
                Optional<YamlMap.Entry> id = m.entry("id", "name");
                if (id.isPresent() && id.get().value() instanceof YamlScalar s && !s.isNull()) {
                    problems.warning(value.position(), "'model' is a mapping; PromptSpec uses its '" + id.get().key()
                            + "' (" + s.text() + ") and ignores the rest", "Write 'model: " + s.text() + "' to silence this");
                    return Optional.of(s.text().trim());
                }
            }
            problems.error(value.position(), "'model' must be a model id such as gpt-4o or openai/gpt-4o, not "
                    + value.describe(), "");
            return Optional.empty();
        }

        private ModelParameters readModelParameters() {
            Optional<YamlMap> map = fields.map("modelParameters", "model_parameters");
            if (map.isEmpty()) {
                return ModelParameters.NONE;
            }
            Fields p = new Fields(map.get(), problems, "modelParameters");
            p.checkKeys(MODEL_PARAMETER_KEYS, false, "It is not sent to the model");
            List<String> stop = null;
            Optional<YamlMap.Entry> stopEntry = p.entry("stop");
            if (stopEntry.isPresent()) {
                YamlNode v = stopEntry.get().value();
                if (v instanceof YamlScalar s && !s.isNull()) {
                    stop = List.of(s.text());
                } else if (v instanceof YamlList l) {
                    stop = new ArrayList<>();
                    for (YamlNode item : l.items()) {
                        if (item instanceof YamlScalar s && !s.isNull()) {
                            stop.add(s.text());
                        } else {
                            problems.error(item.position(), "'stop' entries must be texts, not " + item.describe(), "");
                        }
                    }
                }
            }
            ModelParameters parameters = new ModelParameters(
                    p.number("temperature").orElse(null),
                    p.integer("maxTokens", "max_tokens").orElse(null),
                    p.integer("maxCompletionTokens", "max_completion_tokens").orElse(null),
                    p.number("topP", "top_p").orElse(null),
                    stop,
                    p.integer("seed").orElse(null),
                    p.number("frequencyPenalty", "frequency_penalty").orElse(null),
                    p.number("presencePenalty", "presence_penalty").orElse(null));
            checkRange(p, parameters.temperature(), 0, 2, "temperature");
            checkRange(p, parameters.topP(), 0, 1, "topP", "top_p");
            return parameters;
        }

        private void checkRange(Fields p, Double value, double min, double max, String... keys) {
            if (value != null && (value < min || value > max)) {
                p.entry(keys).ifPresent(e -> problems.error(e.value().position(),
                        "'" + e.key() + "' is " + value + "; it must be between " + min + " and " + max, ""));
            }
        }

        private ResponseFormat readResponseFormat() {
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
                problems.error(value.position(), "'responseFormat' must be text, json_object or json_schema, not "
                        + value.describe(), "");
                return null;
            }
            Set<String> types = Set.of("text", "json_object", "json_schema");
            if (!types.contains(type)) {
                problems.error(value.position(), "responseFormat '" + type + "' is not one of text, json_object, json_schema"
                        + Suggestions.didYouMean(type, types), "");
                return null;
            }
            String schemaJson = null;
            if (type.equals("json_schema")) {
                YamlNode schemaNode = inlineSchema != null ? inlineSchema : schemaEntry.map(YamlMap.Entry::value).orElse(null);
                if (schemaNode == null) {
                    problems.error(entry.get().keyPosition(), "'responseFormat: json_schema' needs a 'jsonSchema'",
                            "Add jsonSchema: with a 'name' and a 'schema' (as a JSON string, as gh-models writes it, or as YAML)");
                    return null;
                }
                schemaJson = readJsonSchema(schemaNode);
            }
            return new ResponseFormat(type, schemaJson, value.position());
        }

        /** gh-models wants a JSON string holding name and schema; a YAML mapping is friendlier, so both work. */
        private String readJsonSchema(YamlNode node) {
            JsonNode json;
            if (node instanceof YamlScalar s && s.isString()) {
                try {
                    json = JSON.readTree(s.text());
                } catch (JsonProcessingException e) {
                    problems.error(node.position(), "'jsonSchema' is not valid JSON: " + e.getOriginalMessage()
                            + " (JSON line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")",
                            "Fix the JSON, or write the schema as a YAML mapping instead of a string");
                    return null;
                }
            } else if (node instanceof YamlMap m) {
                json = JSON.valueToTree(YamlValues.toJava(m));
            } else {
                problems.error(node.position(), "'jsonSchema' must be a JSON string or a mapping, not " + node.describe(), "");
                return null;
            }
            if (json == null || !json.isObject()) {
                problems.error(node.position(), "'jsonSchema' must be a JSON object with 'name' and 'schema'", "");
                return null;
            }
            if (!json.has("name") || !json.has("schema")) {
                String missing = !json.has("name") ? "name" : "schema";
                problems.error(node.position(), "'jsonSchema' has no '" + missing + "'",
                        "Write it as {\"name\": \"...\", \"schema\": {...JSON Schema...}}, as OpenAI's json_schema response format expects");
                return null;
            }
            if (!json.get("schema").isObject()) {
                problems.error(node.position(), "'jsonSchema.schema' must be a JSON Schema object", "");
                return null;
            }
            return json.toString();
        }

        private List<VariableDeclaration> readVariables() {
            List<VariableDeclaration> out = new ArrayList<>();
            Optional<YamlList> list = fields.list("variables");
            if (list.isEmpty()) {
                return out;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (YamlNode item : list.get().items()) {
                if (item instanceof YamlScalar s && s.isString()) {
                    out.add(new VariableDeclaration(s.text(), null, false, null, s.position()));
                    continue;
                }
                if (!(item instanceof YamlMap m)) {
                    problems.error(item.position(), "each entry of 'variables' must be a mapping with a 'name', not " + item.describe(), "");
                    continue;
                }
                Fields f = new Fields(m, problems, "a variable");
                f.checkKeys(Set.of("name", "description", "required", "default"), true, "");
                Optional<String> name = f.string("name");
                if (name.isEmpty()) {
                    problems.error(m.position(), "variable has no 'name'", "Add name: <the {{variable}} it declares>");
                    continue;
                }
                if (!seen.add(name.get())) {
                    problems.error(m.position(), "variable '" + name.get() + "' is declared twice", "");
                }
                String defaultValue = f.entry("default").map(e -> YamlValues.toText(e.value())).orElse(null);
                out.add(new VariableDeclaration(name.get(), f.string("description").orElse(null),
                        f.bool("required").orElse(false), defaultValue, m.position()));
            }
            return out;
        }

        private List<MessageTemplate> readMessages() {
            List<MessageTemplate> out = new ArrayList<>();
            Optional<YamlMap.Entry> entry = fields.entry("messages");
            if (entry.isEmpty()) {
                problems.error(root.position(), "the file has no 'messages'",
                        "Add messages: with at least one '- role: user' and its 'content'");
                return out;
            }
            Optional<YamlList> list = fields.list("messages");
            if (list.isEmpty()) {
                if (entry.get().value() instanceof YamlScalar s && s.isNull()) {
                    problems.error(entry.get().keyPosition(), "'messages' is empty",
                            "Add at least one '- role: user' with its 'content', indented under messages:");
                }
                return out;
            }
            if (list.get().size() == 0) {
                problems.error(list.get().position(), "'messages' is empty", "Add at least one '- role: user' with its 'content'");
            }
            for (YamlNode item : list.get().items()) {
                if (!(item instanceof YamlMap m)) {
                    problems.error(item.position(), "each message must be a mapping with 'role' and 'content', not " + item.describe(), "");
                    continue;
                }
                Fields f = new Fields(m, problems, "a message");
                f.checkKeys(Set.of("role", "content"), true, "A message has only 'role' and 'content'");
                Optional<String> roleText = f.string("role");
                Optional<Role> role = roleText.flatMap(Role::parse);
                if (roleText.isEmpty()) {
                    problems.error(m.position(), "message has no 'role'", "Add role: system, user or assistant");
                } else if (role.isEmpty()) {
                    Position p = f.entry("role").map(e -> e.value().position()).orElse(m.position());
                    problems.error(p, "unknown role '" + roleText.get() + "'"
                            + Suggestions.didYouMean(roleText.get(), List.of("system", "user", "assistant")),
                            "Use system, user or assistant");
                }
                Optional<YamlMap.Entry> contentEntry = f.entry("content");
                Optional<String> content = f.string("content");
                if (content.isEmpty()) {
                    if (contentEntry.isEmpty()) {
                        problems.error(m.position(), "message has no 'content'", "Add content: with the message text");
                    } else if (contentEntry.get().value() instanceof YamlScalar) {
                        problems.error(contentEntry.get().keyPosition(), "message 'content' is empty",
                                "Write the text after 'content:', or after 'content: |' on indented lines");
                    }
                    continue;
                }
                if (role.isPresent()) {
                    Position contentPosition = contentEntry.get().value().position();
                    out.add(new MessageTemplate(role.get(), Template.parse(content.get(), contentPosition), m.position()));
                }
            }
            return out;
        }

        private Set<String> readTags() {
            Set<String> tags = new LinkedHashSet<>();
            fields.map("metadata").ifPresent(meta -> tagsFrom(meta.get("tags").orElse(null), tags));
            tagsFrom(root.get("tags").orElse(null), tags);
            return tags;
        }

        private void tagsFrom(YamlNode node, Set<String> into) {
            if (node == null || node instanceof YamlScalar s && s.isNull()) {
                return;
            }
            if (node instanceof YamlScalar s) {
                into.add(s.text().trim());
                return;
            }
            if (node instanceof YamlList l) {
                for (YamlNode item : l.items()) {
                    if (item instanceof YamlScalar s && !s.isNull()) {
                        into.add(s.text().trim());
                    } else {
                        problems.error(item.position(), "tags must be texts, not " + item.describe(), "");
                    }
                }
                return;
            }
            problems.error(node.position(), "'tags' must be a list of texts, not " + node.describe(), "");
        }

        private List<String> readAuthors() {
            Optional<YamlMap.Entry> e = fields.entry("authors");
            if (e.isEmpty()) {
                return List.of();
            }
            Object value = YamlValues.toJava(e.get().value());
            if (value instanceof List<?> l) {
                return l.stream().filter(java.util.Objects::nonNull).map(String::valueOf).toList();
            }
            return value == null ? List.of() : List.of(String.valueOf(value));
        }

        private List<TestCase> readTestData(List<VariableDeclaration> declared) {
            List<TestCase> out = new ArrayList<>();
            Optional<YamlList> list = fields.list("testData", "test_data");
            if (list.isEmpty()) {
                return out;
            }
            Map<String, Integer> names = new LinkedHashMap<>();
            int index = 0;
            for (YamlNode item : list.get().items()) {
                index++;
                if (!(item instanceof YamlMap m)) {
                    problems.error(item.position(), "testData entry #" + index + " must be a mapping of variables, not "
                            + item.describe(), "Write it as '- variable: value' (one key per variable)");
                    continue;
                }
                out.add(new TestCaseReader(m, index, declared, problems).read(names));
            }
            return out;
        }

        private List<EvaluatorSpec> readEvaluators() {
            List<EvaluatorSpec> out = new ArrayList<>();
            Optional<YamlList> list = fields.list("evaluators");
            if (list.isEmpty()) {
                return out;
            }
            Set<String> names = new LinkedHashSet<>();
            int index = 0;
            for (YamlNode item : list.get().items()) {
                index++;
                if (!(item instanceof YamlMap m)) {
                    problems.error(item.position(), "each evaluator must be a mapping (name: and what to check), not " + item.describe(), "");
                    continue;
                }
                EvaluatorSpec spec = readEvaluator(m, index);
                if (spec != null) {
                    if (!names.add(spec.name())) {
                        problems.warning(m.position(), "two evaluators are named '" + spec.name() + "'",
                                "Give each a distinct name so results can be told apart");
                    }
                    out.add(spec);
                }
            }
            return out;
        }

        private EvaluatorSpec readEvaluator(YamlMap m, int index) {
            Fields f = new Fields(m, problems, "an evaluator");
            double weight = f.number("weight").orElse(1.0);
            if (weight < 0) {
                problems.error(f.entry("weight").get().value().position(), "'weight' must not be negative", "");
            }
            Optional<YamlMap.Entry> typeEntry = f.entry("type");
            String kind;
            YamlNode config;
            Position kindPosition;
            if (typeEntry.isPresent()) {
                Optional<String> type = f.string("type");
                if (type.isEmpty()) {
                    return null;
                }
                kind = type.get().trim();
                kindPosition = typeEntry.get().value().position();
                Map<String, YamlMap.Entry> rest = new LinkedHashMap<>(m.entries());
                rest.keySet().removeAll(EVALUATOR_COMMON_KEYS);
                rest.remove("type");
                config = new YamlMap(rest, m.position());
            } else {
                List<YamlMap.Entry> kinds = m.entryList().stream().filter(e -> !EVALUATOR_COMMON_KEYS.contains(e.key())).toList();
                if (kinds.isEmpty()) {
                    problems.error(m.position(), "evaluator" + f.string("name").map(n -> " '" + n + "'").orElse(" #" + index)
                            + " says nothing to check", "Add one of: " + String.join(", ", sortedKinds()) + " (e.g. string: {contains: ...})");
                    return null;
                }
                if (kinds.size() > 1) {
                    List<String> unknown = kinds.stream().map(YamlMap.Entry::key).filter(k -> !evaluatorKinds.contains(k)).toList();
                    if (!unknown.isEmpty()) {
                        YamlMap.Entry bad = kinds.stream().filter(e -> unknown.contains(e.key())).findFirst().get();
                        problems.error(bad.keyPosition(), "unknown key '" + bad.key() + "' in an evaluator"
                                + Suggestions.didYouMean(bad.key(), union(evaluatorKinds, EVALUATOR_COMMON_KEYS)),
                                "An evaluator has a name, an optional weight and one kind: " + String.join(", ", sortedKinds()));
                    } else {
                        problems.error(kinds.get(1).keyPosition(), "evaluator has several kinds ("
                                + String.join(", ", kinds.stream().map(YamlMap.Entry::key).toList()) + ")",
                                "Give each check its own entry under evaluators:");
                    }
                    return null;
                }
                YamlMap.Entry only = kinds.get(0);
                kind = only.key();
                kindPosition = only.keyPosition();
                config = only.value();
            }
            if (!evaluatorKinds.contains(kind)) {
                problems.error(kindPosition, "unknown evaluator kind '" + kind + "'" + Suggestions.didYouMean(kind, evaluatorKinds),
                        "Known kinds: " + String.join(", ", sortedKinds()));
                return null;
            }
            String name = f.string("name").orElse(kind + " #" + index);
            return new EvaluatorSpec(name, kind, config, weight, m.position());
        }

        private List<String> sortedKinds() {
            return evaluatorKinds.stream().sorted().toList();
        }

        /** Each {{variable}} of a message must come from a declaration's default or from every entry. */
        private void checkVariablesAreProvided(List<MessageTemplate> messages, List<VariableDeclaration> declared,
                List<TestCase> testData) {
            Set<String> used = new LinkedHashSet<>();
            messages.forEach(msg -> used.addAll(msg.content().variables()));
            for (VariableDeclaration d : declared) {
                if (d.required() && !used.contains(d.name())) {
                    problems.warning(d.position(), "variable '" + d.name() + "' is declared required but no message uses {{"
                            + d.name() + "}}", "Use it in a message or remove the declaration");
                }
            }
            if (testData.isEmpty()) {
                return;
            }
            for (MessageTemplate msg : messages) {
                for (String v : msg.content().variables()) {
                    boolean anyEntryHasIt = testData.stream().anyMatch(tc -> tc.variables().containsKey(v));
                    if (!anyEntryHasIt) {
                        Set<String> provided = new LinkedHashSet<>();
                        testData.forEach(tc -> provided.addAll(tc.variables().keySet()));
                        problems.warning(msg.content().position(), "{{" + v + "}} is used but no testData entry provides it"
                                + Suggestions.didYouMean(v, provided),
                                "Add '" + v + ":' to the entries (or a default under variables:); each test will fail until then");
                    }
                }
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
