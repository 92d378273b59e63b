package dev.promptspec.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.eval.SettingsSchemas;
import dev.promptspec.promptfile.PromptFileLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The committed schema is what the code generates, the jar ships it, it covers every key the loader knows, and
 * every prompt file of the repository follows it.
 */
class PromptFileSchemaTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path COMMITTED = REPO.resolve("schema/prompt.schema.json");
    static final String REGENERATE = "./mvnw -B -q -pl core -am test -Dtest=PromptFileSchemaTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dpromptspec.schema.write=true";
    /**
     * Files that do not follow the built-in schema on purpose: wrong files that tests feed to the loader and the
     * engine, and one that uses a kind a test library registers (a project with kinds of its own generates its own
     * schema with {@link PromptFileSchema#main}).
     */
    static final List<String> NOT_FOR_THE_BUILT_IN_SCHEMA = List.of(
            "core/src/test/resources/malformed/",
            "core/src/test/resources/spec/seed-flattened.prompt.yml",
            "junit-extension/src/test/resources/prompts/validation/broken.prompt.yml",
            "junit-extension/src/test/resources/prompts/mixed/broken.prompt.yml",
            "junit-extension/src/test/resources/prompts/java-evaluators/word-budget.prompt.yml");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EvaluatorRegistry registry = EvaluatorRegistry.load(getClass().getClassLoader());

    @Test
    void the_committed_schema_is_the_generated_one() throws IOException {
        String generated = PromptFileSchema.generate(registry);
        if (Boolean.getBoolean("promptspec.schema.write")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED))
                .as("schema/prompt.schema.json is out of date (an evaluator kind or a key changed); regenerate it with:\n  "
                        + REGENERATE + "\nand commit it")
                .isEqualTo(generated);
    }

    @Test
    void the_core_jar_ships_the_committed_schema() throws IOException {
        assertThat(PromptFileSchema.bundled()).isEqualTo(Files.readString(COMMITTED));
    }

    @Test
    void covers_every_top_level_key_the_loader_knows() throws IOException {
        JsonNode properties = JSON.readTree(PromptFileSchema.generate(registry)).path("properties");
        Set<String> inSchema = new HashSet<>();
        properties.fieldNames().forEachRemaining(inSchema::add);
        Set<String> known = new HashSet<>(PromptFileLoader.GH_MODELS_KEYS);
        known.addAll(PromptFileLoader.EXTENSION_KEYS);
        known.addAll(PromptFileLoader.ALIASES.keySet());
        assertThat(inSchema).isEqualTo(known);
        properties.fields().forEachRemaining(e -> assertThat(e.getValue().path("description").asText())
                .as("description of top-level key " + e.getKey()).isNotBlank());
    }

    @Test
    void every_evaluator_kind_describes_each_of_its_settings() {
        for (String kind : registry.kinds()) {
            EvaluatorFactory f = registry.factory(kind).orElseThrow();
            JsonNode schema = SettingsSchemas.parse(f);
            assertThat(schema.path("description").asText()).as("description of kind " + kind).isNotBlank();
            assertDescribed(kind, schema);
        }
    }

    /** Every declared property, at any depth, has a description; conditions ({@code if}, {@code not}) declare nothing. */
    private static void assertDescribed(String path, JsonNode schema) {
        schema.path("properties").fields().forEachRemaining(p -> {
            assertThat(p.getValue().path("description").asText()).as(path + "." + p.getKey() + " has a description").isNotBlank();
            assertDescribed(path + "." + p.getKey(), p.getValue());
        });
        schema.fields().forEachRemaining(f -> {
            if (!List.of("properties", "if", "not").contains(f.getKey()) && f.getValue().isContainerNode()) {
                f.getValue().forEach(child -> assertDescribed(path, child));
                if (f.getValue().isObject()) {
                    assertDescribed(path, f.getValue());
                }
            }
        });
    }

    @Test
    void rejects_what_promptspec_rejects() {
        Schema schema = schema();
        assertThat(errors(schema, "messages: []\n")).isNotEmpty();
        assertThat(errors(schema, "messages:\n  - role: robot\n    content: hi\n")).isNotEmpty();
        assertThat(errors(schema, "messages:\n  - role: user\n    content: hi\nevaluators:\n  - name: x\n    contians: moon\n"))
                .isNotEmpty();
        assertThat(errors(schema, "messages:\n  - role: user\n    content: hi\nevaluators:\n  - name: x\n    string: {contians: moon}\n"))
                .isNotEmpty();
        assertThat(errors(schema, "messages:\n  - role: user\n    content: hi\nevaluators:\n  - name: x\n    string: {contains: a}\n"
                + "    regex: b\n")).as("two kinds in one evaluator").isNotEmpty();
        assertThat(errors(schema, "messages:\n  - role: user\n    content: hi\nresponseFormat: json\n")).isNotEmpty();
        assertThat(errors(schema, "messages:\n  - role: user\n    content: hi\nmodelParameters: {temperature: 3}\n")).isNotEmpty();
        assertThat(errors(schema, "messages:\n  - role: user\n    content: hi\nevaluators:\n  - type: regex\n    pattern: x\n"))
                .as("the type: form").isEmpty();
        assertThat(errors(schema, "messages:\n  - role: user\n    content: hi\nmy_own_key: kept\ntestData: cases.csv\n"))
                .as("unknown top-level keys and data files are accepted").isEmpty();
    }

    @Test
    void describes_the_settings_of_every_kind_precisely() {
        Schema schema = schema();
        String head = "messages:\n  - role: user\n    content: hi\nevaluators:\n  - name: x\n";
        assertThat(errors(schema, head + "    markdown: {section: Risks, minBullets: 3, bulletsStartBold: true}\n")).isEmpty();
        assertThat(errors(schema, head + "    markdown: {minBullet: 3}\n")).as("misspelt markdown setting").isNotEmpty();
        assertThat(errors(schema, head + "    markdown: {minBold: lots}\n")).isNotEmpty();
        assertThat(errors(schema, head + "    json: valid\n")).isEmpty();
        assertThat(errors(schema, head + "    json: {stripFence: true, equals: {/status: SHIPPED}, exists: [/id]}\n")).isEmpty();
        assertThat(errors(schema, head + "    json: {equals: {status: SHIPPED}}\n")).as("a key that is not a JSON pointer").isNotEmpty();
        assertThat(errors(schema, head + "    json: {schemaFle: a.json}\n")).isNotEmpty();
        assertThat(errors(schema, head + "    length: {maxWords: 120}\n")).isEmpty();
        assertThat(errors(schema, head + "    length: {maxWords: -1}\n")).isNotEmpty();
        assertThat(errors(schema, head + "    llm: {prompt: 'Grade {{completion}}', choices: [{choice: good, score: 1}]}\n")).isEmpty();
        assertThat(errors(schema, head + "    llm: {prompt: 'Grade {{completion}}', choices: [{choice: good, score: 10}]}\n")).isNotEmpty();
        assertThat(errors(schema, head + "    similar: {to: '{{expected}}', threshold: 0.8}\n")).isEmpty();
        assertThat(errors(schema, head + "    similar: {to: '{{expected}}', treshold: 0.8}\n")).isNotEmpty();
        assertThat(errors(schema, head + "    not: {string: {contains: sorry}}\n")).isEmpty();
        assertThat(errors(schema, head + "    not: {type: regex, pattern: x}\n")).isEmpty();
        assertThat(errors(schema, head + "    not: {uses: 'java:orderIdPresent'}\n")).isEmpty();
        assertThat(errors(schema, head + "    not: {uses: github/fluency}\n")).as("a judge cannot be negated").isNotEmpty();
        assertThat(errors(schema, head + "    not: {llm: {prompt: x, choices: [{choice: a, score: 1}]}}\n")).isNotEmpty();
        assertThat(errors(schema, head + "    not: {string: {contains: a}, regex: b}\n")).as("one check only").isNotEmpty();
        assertThat(errors(schema, head + "    uses: github/groundedness\n    threshold: 0.75\n    context: '{{order}}'\n")).isEmpty();
        assertThat(errors(schema, head + "    uses: github/fluency\n    question: '{{q}}'\n")).as("fluency reads no question").isNotEmpty();
        assertThat(errors(schema, head + "    uses: 'java:orderIdPresent'\n    threshold: 0.5\n")).as("Java evaluators take no settings")
                .isNotEmpty();
        assertThat(errors(schema, head + "    uses: github/coherense\n")).isNotEmpty();
        assertThat(errors(schema, "threshold: 0.8\n" + head + "    weight: 2\n    string: {contains: a}\n")).isEmpty();
        assertThat(errors(schema, "threshold: 80\n" + head + "    string: {contains: a}\n")).isNotEmpty();
    }

    @TestFactory
    Stream<DynamicTest> every_prompt_file_of_the_repository_follows_the_schema() throws IOException {
        Schema schema = schema();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(REPO)) {
            files = walk.filter(p -> p.getFileName().toString().matches(".*\\.prompt\\.ya?ml"))
                    .filter(p -> !REPO.relativize(p).toString().contains("target/"))
                    .filter(p -> !REPO.relativize(p).toString().startsWith("."))
                    .filter(p -> NOT_FOR_THE_BUILT_IN_SCHEMA.stream().noneMatch(d -> REPO.relativize(p).toString().replace('\\', '/').startsWith(d)))
                    .sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(25);
        return files.stream().map(file -> DynamicTest.dynamicTest(REPO.relativize(file).toString(), file.toUri(), () -> {
            assertThat(errors(schema, Files.readString(file))).as(file.toString()).isEmpty();
        }));
    }

    private Schema schema() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(PromptFileSchema.generate(registry), InputFormat.JSON);
    }

    private static List<String> errors(Schema schema, String yaml) {
        List<Error> errors = schema.validate(yaml, InputFormat.YAML);
        return errors.stream().map(Error::toString).toList();
    }
}
