package dev.promptspec.promptfile;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.internal.yaml.SourceLayout;
import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlReader;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.internal.yaml.YamlSyntaxException;
import dev.promptspec.internal.yaml.YamlValues;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Loads {@code .prompt.yml} files: GitHub Models' format, the snake_case spellings found in the wild,
 * and PromptSpec's extensions. Never throws for bad input: every problem is collected with its position.
 *
 * <p>The parts live in small readers: {@link MessagesReader}, {@link TestCaseReader} (one entry),
 * {@link TestDataFiles} (CSV, JSON Lines, YAML rows), {@link ResponseFormatReader}, {@link EvaluatorSpecReader}
 * and {@link TemplateChecks} (placeholders against test data).
 */
@API(status = INTERNAL, since = "0.1")
public final class PromptFileLoader {

    /** Keys of GitHub Models' format. */
    public static final Set<String> GH_MODELS_KEYS = Set.of("name", "description", "model", "modelParameters",
            "responseFormat", "jsonSchema", "messages", "testData", "evaluators");
    /** PromptSpec's own keys (and the seed format's), accepted beside gh-models' ones. */
    public static final Set<String> EXTENSION_KEYS = Set.of("version", "authors", "metadata", "variables", "tags", "defaults",
            "$schema", "threshold", "samples", "passRate", "confidence", ModelsReader.KEY);
    /** Spellings accepted for the same keys; gh-models ignores them, real files use them. */
    public static final Map<String, String> ALIASES = Map.of("model_parameters", "modelParameters", "response_format",
            "responseFormat", "json_schema", "jsonSchema", "test_data", "testData");
    static final Set<String> TOP_LEVEL_KEYS = union(GH_MODELS_KEYS, EXTENSION_KEYS);

    private final YamlLimits limits;
    private final YamlReader reader;
    private final Map<String, Set<String>> evaluatorKinds;

    /**
     * @param evaluatorKinds the kinds an evaluator entry may name ({@code string}, {@code regex}...), so
     *                       misspellings are caught at load time
     */
    public PromptFileLoader(YamlLimits limits, Set<String> evaluatorKinds) {
        this(limits, withoutSettings(evaluatorKinds));
    }

    /**
     * @param evaluatorKinds every kind an evaluator entry may name, with the keys of its settings: a misspelt kind
     *                       gets the closest kind, and a setting written where a kind belongs ({@code contains:}
     *                       beside {@code name:}) is pointed to its kind
     */
    public PromptFileLoader(YamlLimits limits, Map<String, Set<String>> evaluatorKinds) {
        this.limits = limits;
        this.reader = new YamlReader(limits);
        this.evaluatorKinds = Map.copyOf(evaluatorKinds);
    }

    /** Reads and validates one file; never throws for bad input: every problem is in the result, with its position. */
    public LoadedPromptFile load(PromptSource source) {
        ProblemCollector problems = new ProblemCollector();
        if (source.encodingError().isPresent()) {
            // What the text says cannot be trusted: any other problem would be about the decoding, not the file.
            return new LoadedPromptFile(source, Optional.empty(), List.of(source.encodingError().get()));
        }
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
        if (problems.hasErrors()) {
            // Errors in a file without any indentation are symptoms; say what caused them first.
            SourceLayout.flattened(source.text(), source.name(), null).ifPresent(problems::add);
        }
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
            checkTopLevelKeys();
            Optional<String> model = readModel();
            Position modelPosition = fields.entry("model").map(YamlMap.Entry::keyPosition).orElse(root.position());
            ModelParameters parameters = readModelParameters();
            ResponseFormat responseFormat = new ResponseFormatReader(source, limits, problems).read(fields);
            List<VariableDeclaration> variables = readVariables();
            List<MessageTemplate> messages = new MessagesReader(problems).read(root, fields);
            Map<String, Object> metadata = fields.map("metadata").map(m -> castMap(YamlValues.toJava(m))).orElse(Map.of());
            Set<String> tags = readTags();
            TestCaseReader.EntryDefaults defaults = TestCaseReader.EntryDefaults.of(variables, fields.map("defaults").orElse(null),
                    problems);
            List<TestCase> testData = readTestData(variables, defaults);
            List<EvaluatorSpec> evaluators = fields.list("evaluators").map(l -> new EvaluatorSpecReader(evaluatorKinds, problems).read(l))
                    .orElse(List.of());
            new TemplateChecks(new SourceText(source.text(), source.name()), problems).check(messages, variables, testData);
            SamplingKeys.Read sampling = SamplingKeys.read(root, "the file", problems);
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
                    readThreshold(),
                    sampling.settings(),
                    sampling.position(),
                    ModelsReader.read(fields, problems));
        }

        /** {@code threshold: 0.8}: the weighted score a case needs when not every check must pass. */
        private OptionalDouble readThreshold() {
            Optional<Double> threshold = fields.number("threshold");
            if (threshold.isPresent() && (threshold.get() < 0 || threshold.get() > 1)) {
                YamlNode value = fields.entry("threshold").get().value();
                problems.error(value.position(), "'threshold' is " + ((YamlScalar) value).text() + ", outside 0 to 1",
                        "Write the share of the weighted checks a case needs, e.g. threshold: 0.8 for 80%");
                return OptionalDouble.empty();
            }
            return threshold.map(OptionalDouble::of).orElse(OptionalDouble.empty());
        }

        /**
         * A near miss of a known key is an error: gh-models ignores it, so 'testdata:' would run no test, silently. Other
         * unknown keys are warnings: files in the wild carry their own metadata, and gh-models runs them.
         */
        private void checkTopLevelKeys() {
            for (YamlMap.Entry e : root.entryList()) {
                String key = e.key();
                if (TOP_LEVEL_KEYS.contains(key) || ALIASES.containsKey(key)) {
                    continue;
                }
                Optional<String> close = Suggestions.closest(key, TOP_LEVEL_KEYS);
                if (close.isPresent()) {
                    problems.error(e.keyPosition(), "unknown top-level key '" + key + "' — did you mean '" + close.get() + "'?",
                            "Rename it to '" + close.get() + "': as written it is ignored (by gh models too)");
                } else {
                    problems.warning(e.keyPosition(), "unknown top-level key '" + key + "' is ignored",
                            "Move it under metadata: if it is your own information; known keys: "
                                    + String.join(", ", TOP_LEVEL_KEYS.stream().filter(k -> !k.startsWith("$")).sorted().toList()));
                }
            }
            for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
                if (root.has(alias.getKey()) && root.has(alias.getValue())) {
                    problems.error(root.entries().get(alias.getKey()).keyPosition(), "both '" + alias.getValue() + "' and '"
                            + alias.getKey() + "' are set; they are the same key", "Keep only '" + alias.getValue() + "'");
                }
            }
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
                    + value.describe(), "Write model: followed by the id");
            return Optional.empty();
        }

        private ModelParameters readModelParameters() {
            return fields.map("modelParameters", "model_parameters")
                    .map(m -> ModelParametersReader.read(m, "modelParameters", problems)).orElse(ModelParameters.NONE);
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
                    problems.error(item.position(), "each entry of 'variables' must be a mapping with a 'name', not " + item.describe(),
                            "Write it as '- name: topic' with optional description:, required: and default:");
                    continue;
                }
                Fields f = new Fields(m, problems, "a variable");
                f.checkKeys(Set.of("name", "description", "required", "default"), Set.of(), true,
                        "A variable has only name, description, required and default");
                Optional<String> name = f.string("name");
                if (name.isEmpty()) {
                    problems.error(m.position(), "variable has no 'name'", "Add name: <the {{variable}} it declares>");
                    continue;
                }
                if (!seen.add(name.get())) {
                    problems.error(m.position(), "variable '" + name.get() + "' is declared twice", "Remove one of the declarations");
                }
                String defaultValue = f.entry("default").map(e -> YamlValues.toText(e.value())).orElse(null);
                out.add(new VariableDeclaration(name.get(), f.string("description").orElse(null),
                        f.bool("required").orElse(false), defaultValue, m.position()));
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
                        problems.error(item.position(), "a tag must be a text, not " + item.describe(),
                                "Write each tag as a word: tags: [smoke, billing]");
                    }
                }
                return;
            }
            problems.error(node.position(), "'tags' must be a list of texts, not " + node.describe(),
                    "Write tags: [smoke, billing]");
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

        private List<TestCase> readTestData(List<VariableDeclaration> declared, TestCaseReader.EntryDefaults defaults) {
            List<TestCase> out = new ArrayList<>();
            Optional<YamlMap.Entry> entry = fields.entry("testData", "test_data");
            if (entry.isEmpty() || entry.get().value() instanceof YamlScalar s && s.isNull()) {
                problems.warning(entry.map(YamlMap.Entry::keyPosition).orElse(root.position()), "the file has no testData, so it runs no test",
                        "Add testData: with one entry per test, e.g. '- topic: tides' (or the name of a CSV/JSON Lines/YAML file)");
                return out;
            }
            List<YamlNode> items;
            YamlNode value = entry.get().value();
            if (value instanceof YamlScalar s && TestDataFiles.looksLikeDataFile(s.text())) {
                items = List.of(s);
            } else if (value instanceof YamlList l) {
                items = l.items();
            } else {
                problems.error(Fields.valuePosition(entry.get()), "'" + entry.get().key() + "' must be a list of entries or the name of a"
                        + " data file, not " + value.describe(), "Write '- variable: value' entries, or a file name such as cases.csv"
                        + " (also .jsonl, .yml) relative to the prompt file");
                return out;
            }
            Map<String, Integer> names = new LinkedHashMap<>();
            TestDataFiles files = new TestDataFiles(source, limits, problems);
            int index = 0;
            int position = 0;
            for (YamlNode item : items) {
                position++;
                if (item instanceof YamlMap m) {
                    out.add(new TestCaseReader(m, ++index, declared, defaults, null, problems).read(names));
                } else if (item instanceof YamlScalar s && s.isString() && TestDataFiles.looksLikeDataFile(s.text())) {
                    Optional<TestDataFiles.Rows> rows = files.read(s);
                    if (rows.isPresent()) {
                        for (YamlMap row : rows.get().rows()) {
                            out.add(new TestCaseReader(row, ++index, declared, defaults, rows.get().localFile(), problems).read(names));
                        }
                    }
                } else {
                    problems.error(item.position(), "testData entry #" + position + " must be a mapping of variables, not "
                            + item.describe(), "Write it as '- variable: value' (one key per variable), or name a data file"
                            + " ending in " + String.join(", ", TestDataFiles.EXTENSIONS));
                }
            }
            return out;
        }
    }

    private static Map<String, Set<String>> withoutSettings(Set<String> kinds) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        kinds.forEach(k -> m.put(k, Set.of()));
        return m;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
