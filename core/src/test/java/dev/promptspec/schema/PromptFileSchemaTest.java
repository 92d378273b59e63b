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
import dev.promptspec.spec.PromptFileLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
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
    /** Files that are wrong on purpose: the malformed corpus, and the engine's broken fixture. */
    static final List<String> DELIBERATELY_INVALID = List.of("core/src/test/resources/malformed/",
            "junit-extension/src/test/resources/prompts/validation/broken.prompt.yml");

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
            schema.findParents("properties").forEach(parent -> parent.path("properties").fields().forEachRemaining(p ->
                    assertThat(p.getValue().path("description").asText()).as(kind + "." + p.getKey() + " has a description").isNotBlank()));
        }
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

    @TestFactory
    Stream<DynamicTest> every_prompt_file_of_the_repository_follows_the_schema() throws IOException {
        Schema schema = schema();
        PromptFileLoader loader = new PromptFileLoader(dev.promptspec.yaml.YamlLimits.DEFAULTS, registry.settingKeys());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(REPO)) {
            files = walk.filter(p -> p.getFileName().toString().matches(".*\\.prompt\\.ya?ml"))
                    .filter(p -> !REPO.relativize(p).toString().contains("target/"))
                    .filter(p -> !REPO.relativize(p).toString().startsWith("."))
                    .filter(p -> DELIBERATELY_INVALID.stream().noneMatch(d -> REPO.relativize(p).toString().replace('\\', '/').startsWith(d)))
                    .sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(25);
        return files.stream().map(file -> DynamicTest.dynamicTest(REPO.relativize(file).toString(), file.toUri(), () -> {
            String text = Files.readString(file);
            var loaded = loader.load(new dev.promptspec.spec.PromptSource(file.getFileName().toString(), file.toUri(),
                    java.util.Optional.of(file), text));
            Assumptions.assumeFalse(loaded.errors().stream().anyMatch(p -> p.message().startsWith("unknown evaluator kind")),
                    () -> "uses an evaluator kind this build does not have (judges are added separately): " + loaded.errors());
            assertThat(errors(schema, text)).as(file.toString()).isEmpty();
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
