package dev.promptspec.schema;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.config.Keys;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.eval.OptionalKinds;
import dev.promptspec.eval.SettingsSchemas;
import dev.promptspec.eval.uses.UsesEvaluatorFactory;
import dev.promptspec.internal.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The JSON Schema (draft-07) of the prompt file format, for editors ({@code # yaml-language-server: $schema=...}).
 * The fixed part (gh-models' keys and PromptSpec's extensions) is written here; the evaluators part is assembled
 * from the registered {@link EvaluatorFactory factories}' {@linkplain EvaluatorFactory#settingsSchema() settings
 * schemas}, so kinds added by libraries appear in it.
 *
 * <p>The schema of the built-in kinds is committed as {@code schema/prompt.schema.json} and shipped in the core jar
 * as {@value #RESOURCE}. A project with kinds of its own writes its own with {@link #main}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PromptFileSchema {

    /** Where the schema of the built-in kinds is in the core jar. */
    public static final String RESOURCE = "META-INF/promptspec/prompt.schema.json";

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String GH = " (gh-models)";
    private static final String EXT = " (PromptSpec extension)";
    /** The kind whose settings sit beside it in the evaluator entry rather than under it. */
    private static final String USES = new UsesEvaluatorFactory().kind();

    private final ObjectNode root = JSON.createObjectNode();
    private final ObjectNode definitions = JSON.createObjectNode();

    private PromptFileSchema() {
    }

    /** The schema for the kinds of {@code registry}, as pretty-printed JSON with a final newline. */
    public static String generate(EvaluatorRegistry registry) {
        PromptFileSchema s = new PromptFileSchema();
        s.build(registry);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(s.root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the prompt file schema", e);
        }
    }

    /** The schema shipped in the core jar (built-in kinds only). */
    public static String bundled() {
        try (InputStream in = PromptFileSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the schema for every evaluator kind on the class path (built-ins and your own) to the file named by the
     * first argument, or prints it: {@code java -cp <test class path> dev.promptspec.schema.PromptFileSchema prompt.schema.json}.
     */
    public static void main(String[] args) throws IOException {
        String schema = generate(EvaluatorRegistry.load(Thread.currentThread().getContextClassLoader()));
        if (args.length == 0) {
            System.out.print(schema);
        } else {
            Files.writeString(Path.of(args[0]), schema, StandardCharsets.UTF_8);
        }
    }

    private void build(EvaluatorRegistry registry) {
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("title", "PromptSpec prompt file (*.prompt.yml)");
        root.put("description", "GitHub Models' prompt file format (name, model, modelParameters, responseFormat, jsonSchema, messages,"
                + " testData, evaluators) plus PromptSpec's extensions. Each testData entry is a JUnit test; each evaluator an assertion."
                + " Unknown top-level keys are accepted (PromptSpec warns about them).");
        root.put("type", "object");
        root.putArray("required").add("messages");
        ObjectNode p = root.putObject("properties");
        p.set("$schema", string("The JSON Schema this file follows (for editors)."));
        p.set("name", string("The prompt's name: the JUnit container's display name" + GH + "."));
        p.set("description", string("What the prompt does; shown in reports" + GH + "."));
        p.set("model", model());
        ObjectNode models = described("array", "Runs every test case once per model, each run its own JUnit test; wins over the"
                + " promptspec.models setting. Judges keep their own model" + EXT + ".");
        models.put("minItems", 1);
        models.put("uniqueItems", true);
        models.putObject("items").put("type", "string").put("minLength", 1);
        p.set("models", models);
        definitions.set("modelParameters", modelParameters());
        p.set("modelParameters", ref("modelParameters", "Sampling parameters sent with every call; unset ones are not sent" + GH
                + ". snake_case spellings are accepted too."));
        p.set("model_parameters", ref("modelParameters", "Alias of modelParameters, as some files spell it" + EXT + "."));
        definitions.set("responseFormat", responseFormat());
        p.set("responseFormat", ref("responseFormat", "The response format requested from the model" + GH + "."));
        p.set("response_format", ref("responseFormat", "Alias of responseFormat" + EXT + "."));
        definitions.set("jsonSchema", jsonSchema());
        p.set("jsonSchema", ref("jsonSchema", "With responseFormat: json_schema, the schema the response must follow" + GH + "."));
        p.set("json_schema", ref("jsonSchema", "Alias of jsonSchema" + EXT + "."));
        definitions.set("message", message());
        ObjectNode messages = described("array", "The conversation sent to the model; {{variables}} are filled from each testData entry" + GH + ".");
        messages.put("minItems", 1);
        messages.set("items", ref("message", null));
        p.set("messages", messages);
        definitions.set("testDataEntry", testDataEntry());
        definitions.set("testData", testData());
        p.set("testData", ref("testData", "One JUnit test per entry" + GH + ", or the name of a CSV, JSON Lines or YAML file beside"
                + " the prompt file" + EXT + "."));
        p.set("test_data", ref("testData", "Alias of testData" + EXT + "."));
        Map<String, JsonNode> kinds = kindSchemas(registry);
        definitions.set("check", evaluator(kinds, false));
        definitions.set("evaluator", evaluator(kinds, true));
        ObjectNode evaluators = described("array", "Checks applied to every test case's response; all must pass (or, with"
                + " threshold, enough of their weight)" + GH + ".");
        evaluators.set("items", ref("evaluator", null));
        p.set("evaluators", evaluators);
        p.set("version", anyOf("The prompt's version" + EXT + ".", type("string"), type("number")));
        p.set("authors", stringOrStrings("Who wrote the prompt" + EXT + "."));
        ObjectNode metadata = described("object", "Your own information about the prompt, kept for reports" + EXT + ".");
        metadata.putObject("properties").set("tags", stringOrStrings("JUnit tags of every test of the file."));
        p.set("metadata", metadata);
        definitions.set("variable", variable());
        ObjectNode variables = described("array", "Declares the {{variables}} the messages use: description, required, default" + EXT + ".");
        variables.set("items", ref("variable", null));
        p.set("variables", variables);
        p.set("tags", stringOrStrings("JUnit tags of every test of the file (also read from metadata.tags)" + EXT + "."));
        p.set("defaults", ref("testDataEntry", "Values every testData entry starts from (variables, expected, tags); an entry's own"
                + " values win" + EXT + "."));
        p.set("threshold", number("The weighted score, 0 to 1, a case needs to pass: each evaluator scores 0 to 1 and counts its"
                + " weight times. Without it every evaluator must pass" + EXT + ".", 0, 1));
        sampling(p, "every case of the file (an entry's own value wins)");
        root.put("additionalProperties", true);
        root.set("definitions", definitions);
    }

    /** samples, passRate and confidence: sampled verdicts of {@code which}. */
    private void sampling(ObjectNode props, String which) {
        ObjectNode samples = integer("The most samples (a call plus every evaluator) drawn for " + which + "; 1 (default) is one"
                + " call. Above 1, the verdict is the samples' pass rate" + EXT + ".");
        samples.put("minimum", 1);
        samples.put("maximum", dev.promptspec.sampling.SamplingPlan.MAX_SAMPLES);
        props.set("samples", samples);
        props.set("passRate", number("The share of samples that must pass, for " + which + "; required with samples" + EXT + ".", 0, 1));
        props.set("confidence", number("How sure the sampled verdict must be, for " + which + " (default 0.95)" + EXT + ".", 0.5,
                dev.promptspec.sampling.SamplingPlan.MAX_CONFIDENCE));
    }

    private ObjectNode model() {
        ObjectNode map = described("object", "A model given as a mapping; PromptSpec uses its id (or name) and warns.");
        ObjectNode props = map.putObject("properties");
        props.set("id", string("The model id."));
        props.set("name", string("The model id, when there is no id."));
        return anyOf("The model id, e.g. openai/gpt-4o-mini or gpt-4o" + GH + ". A publisher prefix (openai/, microsoft/, meta/,"
                + " deepseek/, xai/) is kept as written. Without it, " + Keys.DEFAULT_MODEL + " applies.", string("The model id."), map);
    }

    private ObjectNode modelParameters() {
        ObjectNode o = described("object", "Sampling parameters.");
        ObjectNode props = o.putObject("properties");
        props.set("temperature", number("Randomness, 0 to 2" + GH + ".", 0, 2));
        props.set("maxTokens", tokens("Most tokens in the response" + GH + "."));
        props.set("max_tokens", tokens("Alias of maxTokens" + EXT + "."));
        props.set("maxCompletionTokens", tokens("Most completion tokens, for reasoning models" + EXT + "."));
        props.set("max_completion_tokens", tokens("Alias of maxCompletionTokens" + EXT + "."));
        props.set("topP", number("Nucleus sampling, 0 to 1" + GH + ".", 0, 1));
        props.set("top_p", number("Alias of topP" + EXT + ".", 0, 1));
        props.set("stop", stringOrStrings("Stop sequences" + EXT + "."));
        props.set("seed", integer("Seed for providers that support reproducible sampling" + EXT + "."));
        props.set("frequencyPenalty", number("Frequency penalty" + EXT + ".", -2, 2));
        props.set("frequency_penalty", number("Alias of frequencyPenalty" + EXT + ".", -2, 2));
        props.set("presencePenalty", number("Presence penalty" + EXT + ".", -2, 2));
        props.set("presence_penalty", number("Alias of presencePenalty" + EXT + ".", -2, 2));
        o.put("additionalProperties", true);
        return o;
    }

    private ObjectNode responseFormat() {
        ObjectNode name = string("text (default), json_object (any JSON) or json_schema (JSON that follows jsonSchema).");
        name.set("enum", array("text", "json_object", "json_schema"));
        ObjectNode wire = described("object", "OpenAI's wire shape: {type: json_schema, json_schema: {name, schema}}" + EXT + ".");
        wire.putArray("required").add("type");
        ObjectNode props = wire.putObject("properties");
        props.set("type", name.deepCopy());
        props.set("json_schema", ref("jsonSchema", null));
        return anyOf("The response format.", name, wire);
    }

    private ObjectNode jsonSchema() {
        ObjectNode object = described("object", "The schema as YAML" + EXT + ".");
        object.putArray("required").add("name").add("schema");
        ObjectNode props = object.putObject("properties");
        props.set("name", string("The schema's name, sent to the model."));
        props.set("description", string("What the response is."));
        props.set("strict", bool("Ask the model to follow the schema exactly."));
        props.set("schema", described("object", "The JSON Schema of the response."));
        return anyOf("The response schema: {\"name\": ..., \"schema\": {...}} as a JSON string (gh-models), as YAML, or the name of"
                + " a .json file beside the prompt file" + EXT + ".", string("JSON text holding name and schema, or a .json file name."),
                object);
    }

    private ObjectNode message() {
        ObjectNode o = described("object", "One message.");
        o.putArray("required").add("role").add("content");
        ObjectNode props = o.putObject("properties");
        ObjectNode role = string("Who speaks" + GH + ".");
        role.set("enum", array("system", "user", "assistant", "System", "User", "Assistant"));
        props.set("role", role);
        props.set("content", string("The text; {{name}} placeholders are filled from the test case. Handlebars/Jinja syntax is"
                + " not evaluated and reaches the model as written (PromptSpec warns)" + GH + "."));
        o.put("additionalProperties", false);
        return o;
    }

    private ObjectNode testDataEntry() {
        ObjectNode o = described("object", "A test case: every key is a variable ({{key}} in messages and evaluators)" + GH + ".");
        ObjectNode props = o.putObject("properties");
        props.set("name", string("The test's display name and id (also a variable)" + EXT + "."));
        props.set("description", string("Shown when there is no name" + EXT + "."));
        props.set("tags", stringOrStrings("JUnit tags of this test" + EXT + "."));
        props.set("expected", described(null, "The expected answer: {{expected}}. When no evaluator reads it, PromptSpec checks that"
                + " the response contains it (ignoring case)."));
        props.set("input", described(null, "{{input}}, or a mapping of variables (nested form)."));
        props.set("vars", described("object", "A mapping of variables (nested form)" + EXT + "."));
        sampling(props, "this case (not a variable); not allowed under defaults:");
        o.put("additionalProperties", true);
        return o;
    }

    private ObjectNode testData() {
        ObjectNode file = string("A data file relative to the prompt file: .csv (header row = variable names), .jsonl (one JSON"
                + " object per line) or .yml/.yaml (a list of entries)" + EXT + ".");
        file.put("pattern", "\\.(csv|jsonl|ndjson|ya?ml)$");
        ObjectNode list = described("array", "Test cases, and data files to read more from.");
        list.set("items", anyOf(null, ref("testDataEntry", null), file.deepCopy()));
        return anyOf("Test cases.", list, file);
    }

    private ObjectNode variable() {
        ObjectNode o = described("object", "A declared variable.");
        o.putArray("required").add("name");
        ObjectNode props = o.putObject("properties");
        props.set("name", string("The {{variable}} it declares."));
        props.set("description", string("What it holds."));
        props.set("required", bool("Every entry must provide it (or a default)."));
        props.set("default", described(null, "The value of entries that do not provide it."));
        o.put("additionalProperties", false);
        return anyOf("A declared variable: its name, or a mapping.", string("The variable's name."), o);
    }

    /**
     * Every kind's settings schema: the registry's factories, and the optional modules' kinds (the same schema their
     * factories publish), so the committed schema does not depend on which modules are on the class path.
     */
    private static Map<String, JsonNode> kindSchemas(EvaluatorRegistry registry) {
        Map<String, JsonNode> kinds = new TreeMap<>();
        for (String kind : registry.kinds()) {
            kinds.put(kind, SettingsSchemas.parse(registry.factory(kind).orElseThrow()));
        }
        for (String kind : OptionalKinds.kinds()) {
            if (!kinds.containsKey(kind)) {
                String text = OptionalKinds.settingsSchema(kind).orElseThrow();
                try {
                    kinds.put(kind, JSON.readTree(text));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("the settings schema of optional kind '" + kind + "' is not valid JSON", e);
                }
            }
        }
        return kinds;
    }

    /**
     * One check: either one kind key holding its settings (gh-models' form), {@code type: <kind>} beside the settings,
     * or {@code uses:} with the settings of what it names beside it. An evaluator is a check with a name, a description
     * and a weight; {@code not:} holds a bare check ({@code #/definitions/check}).
     */
    private ObjectNode evaluator(Map<String, JsonNode> kinds, boolean named) {
        String what = named ? "An evaluator" : "A check";
        ObjectNode keyed = described("object", what + ": " + (named ? "a name and " : "") + "exactly one kind holding its settings.");
        ObjectNode props = keyed.putObject("properties");
        if (named) {
            addCommon(props);
        }
        ArrayNode exactlyOne = keyed.putArray("oneOf");
        for (Map.Entry<String, JsonNode> kind : kinds.entrySet()) {
            if (kind.getKey().equals(USES)) {
                continue;
            }
            props.set(kind.getKey(), kind.getValue().deepCopy());
            ObjectNode required = JSON.createObjectNode();
            required.putArray("required").add(kind.getKey());
            exactlyOne.add(required);
        }
        keyed.put("additionalProperties", false);
        ObjectNode typed = described("object", what + " in the 'type: <kind>' form: its settings sit beside 'type'" + EXT + ".");
        typed.putArray("required").add("type");
        ObjectNode typedProps = typed.putObject("properties");
        if (named) {
            addCommon(typedProps);
        }
        ObjectNode type = string("The evaluator's kind.");
        type.set("enum", array(kinds.keySet().toArray(String[]::new)));
        typedProps.set("type", type);
        typed.put("additionalProperties", true);
        if (!kinds.containsKey(USES)) {
            return anyOf(named ? "One check of the response." : "One check of the response, without a name.", keyed, typed);
        }
        // uses: reads its whole entry, so its settings schema describes the entry: add the common keys beside them.
        ObjectNode uses = (ObjectNode) kinds.get(USES).deepCopy();
        if (named) {
            ObjectNode common = JSON.createObjectNode();
            addCommon(common);
            ((ObjectNode) uses.get("properties")).setAll(common);
        }
        return anyOf(named ? "One check of the response." : "One check of the response, without a name.", keyed, typed, uses);
    }

    private void addCommon(ObjectNode props) {
        props.set("name", string("The evaluator's name in results" + GH + "."));
        props.set("description", string("What it checks" + EXT + "."));
        ObjectNode weight = number("Its weight in the case's weighted score; 0 keeps it out of the score" + EXT + ".", 0, null);
        props.set("weight", weight);
    }

    private static ObjectNode ref(String definition, String description) {
        ObjectNode o = JSON.createObjectNode();
        if (description == null) {
            o.put("$ref", "#/definitions/" + definition);
            return o;
        }
        // draft-07 ignores siblings of $ref, so the description goes beside it in an allOf.
        o.put("description", description);
        o.putArray("allOf").addObject().put("$ref", "#/definitions/" + definition);
        return o;
    }

    private static ObjectNode described(String type, String description) {
        ObjectNode o = JSON.createObjectNode();
        if (type != null) {
            o.put("type", type);
        }
        if (description != null) {
            o.put("description", description);
        }
        return o;
    }

    private static ObjectNode type(String type) {
        return described(type, null);
    }

    private static ObjectNode string(String description) {
        return described("string", description);
    }

    private static ObjectNode bool(String description) {
        return described("boolean", description);
    }

    private static ObjectNode integer(String description) {
        return described("integer", description);
    }

    private static ObjectNode tokens(String description) {
        ObjectNode o = described("integer", description);
        o.put("minimum", 1);
        return o;
    }

    private static ObjectNode number(String description, Number min, Number max) {
        ObjectNode o = described("number", description);
        if (min != null) {
            o.put("minimum", min.doubleValue());
        }
        if (max != null) {
            o.put("maximum", max.doubleValue());
        }
        return o;
    }

    private static ObjectNode stringOrStrings(String description) {
        ObjectNode list = type("array");
        list.set("items", type("string"));
        return anyOf(description, type("string"), list);
    }

    private static ObjectNode anyOf(String description, JsonNode... options) {
        ObjectNode o = described(null, description);
        ArrayNode any = o.putArray("anyOf");
        for (JsonNode option : options) {
            any.add(option);
        }
        return o;
    }

    private static ArrayNode array(String... values) {
        ArrayNode a = JSON.createArrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }
}
