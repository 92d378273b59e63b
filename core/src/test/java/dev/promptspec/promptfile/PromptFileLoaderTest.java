package dev.promptspec.promptfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.model.Role;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import dev.promptspec.testing.Prompts;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every field of the prompt file format, read from files written the ways real files write them. */
class PromptFileLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PromptFile valid(String yaml) {
        LoadedPromptFile loaded = Prompts.load("prompts/t.prompt.yml", yaml);
        assertThat(loaded.errors()).as("errors").isEmpty();
        return loaded.fileOrThrow();
    }

    private static final String FULL = """
            name: Support triage
            description: Classifies support tickets.
            version: 2.1
            authors:
              - Ada Lovelace
              - Grace Hopper
            model: openai/gpt-4o-mini
            modelParameters:
              temperature: 0.3
              maxTokens: 200
              maxCompletionTokens: 300
              topP: 0.9
              stop: ["###", "END"]
              seed: 42
              frequencyPenalty: 0.5
              presencePenalty: -0.5
            metadata:
              owner: support-team
              tags: [triage, smoke]
            variables:
              - name: ticket
                description: The ticket text
                required: true
              - name: tone
                default: neutral
            messages:
              - role: system
                content: You classify tickets. Answer in a {{tone}} tone.
              - role: user
                content: |
                  Ticket:
                  {{ticket}}
              - role: assistant
                content: Understood.
            testData:
              - ticket: My invoice is wrong
                expected: billing
              - name: outage
                description: A site-wide outage
                input:
                  ticket: The site is down
                  tone: urgent
                expected: incident
                tags: [p1]
            evaluators:
              - name: mentions a label
                string:
                  contains: label
              - name: label format
                type: regex
                pattern: '"label"\\s*:'
              - name: weighted
                weight: 2.5
                regex: "[a-z]+"
            """;

    @Test
    void reads_name_description_version_and_authors() {
        PromptFile f = valid(FULL);
        assertThat(f.name()).isEqualTo("Support triage");
        assertThat(f.description()).isEqualTo("Classifies support tickets.");
        assertThat(f.version()).isEqualTo("2.1"); // a YAML number, kept as written
        assertThat(f.authors()).containsExactly("Ada Lovelace", "Grace Hopper");
        assertThat(f.displayName()).isEqualTo("Support triage");
    }

    @Test
    void reads_every_model_parameter_in_camel_case() {
        PromptFile f = valid(FULL);
        assertThat(f.model()).contains("openai/gpt-4o-mini");
        assertThat(f.modelPosition()).isEqualTo(new Position("prompts/t.prompt.yml", 7, 1));
        assertThat(f.modelParameters()).isEqualTo(
                new ModelParameters(0.3, 200, 300, 0.9, List.of("###", "END"), 42, 0.5, -0.5));
    }

    @Test
    void reads_every_model_parameter_in_snake_case() {
        PromptFile f = valid("""
                model: gpt-4o
                model_parameters:
                  temperature: 1
                  max_tokens: 64
                  max_completion_tokens: 128
                  top_p: 0.5
                  stop: STOP
                  seed: 7
                  frequency_penalty: 1.5
                  presence_penalty: 0.25
                messages:
                  - role: user
                    content: hi
                """);
        assertThat(f.modelParameters()).isEqualTo(
                new ModelParameters(1.0, 64, 128, 0.5, List.of("STOP"), 7, 1.5, 0.25));
        assertThat(f.modelParameters().asMap()).containsExactly(
                entry("temperature", 1.0), entry("max_tokens", 64), entry("max_completion_tokens", 128), entry("top_p", 0.5),
                entry("stop", List.of("STOP")), entry("seed", 7), entry("frequency_penalty", 1.5),
                entry("presence_penalty", 0.25));
    }

    @Test
    void unset_parameters_stay_unset_so_nothing_is_sent() {
        PromptFile f = valid("""
                messages:
                  - role: user
                    content: hi
                """);
        assertThat(f.modelParameters()).isEqualTo(ModelParameters.NONE);
        assertThat(f.modelParameters().asMap()).isEmpty();
        assertThat(f.model()).isEmpty();
        assertThat(f.responseFormat()).isNull();
        assertThat(f.displayName()).isEqualTo("t.prompt.yml");
    }

    @Test
    void a_model_written_as_a_mapping_uses_its_id_and_says_so() {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", """
                model:
                  id: gpt-4o
                  provider: openai
                messages:
                  - role: user
                    content: hi
                testData:
                  - x: 1
                """);
        assertThat(loaded.fileOrThrow().model()).contains("gpt-4o");
        assertThat(loaded.warnings()).extracting(Problem::format).containsExactly(
                "p.prompt.yml:2:3: warning: 'model' is a mapping; PromptSpec uses its 'id' (gpt-4o) and ignores the rest. "
                        + "Write 'model: gpt-4o' to silence this");
    }

    @Nested
    class ResponseFormats {

        @Test
        void text_and_json_object() {
            assertThat(valid(withFormat("responseFormat: text")).responseFormat().type()).isEqualTo("text");
            ResponseFormat json = valid(withFormat("responseFormat: json_object")).responseFormat();
            assertThat(json.type()).isEqualTo("json_object");
            assertThat(json.isJson()).isTrue();
            assertThat(json.isJsonSchema()).isFalse();
            assertThat(json.jsonSchemaJson()).isNull();
        }

        @Test
        void json_schema_with_the_schema_as_a_json_string_as_gh_models_writes_it() throws Exception {
            ResponseFormat f = valid(withFormat("""
                    responseFormat: json_schema
                    jsonSchema: |
                      {"name": "triage", "strict": true,
                       "schema": {"type": "object", "properties": {"label": {"type": "string"}}, "required": ["label"]}}
                    """)).responseFormat();
            assertThat(f.isJsonSchema()).isTrue();
            JsonNode schema = JSON.readTree(f.jsonSchemaJson());
            assertThat(schema.path("name").asText()).isEqualTo("triage");
            assertThat(schema.path("strict").asBoolean()).isTrue();
            assertThat(schema.path("schema").path("required").get(0).asText()).isEqualTo("label");
        }

        @Test
        void json_schema_with_the_schema_as_a_yaml_mapping() throws Exception {
            ResponseFormat f = valid(withFormat("""
                    response_format: json_schema
                    json_schema:
                      name: triage
                      schema:
                        type: object
                        properties:
                          label: {type: string}
                          confidence: {type: number, minimum: 0}
                        required: [label]
                    """)).responseFormat();
            JsonNode schema = JSON.readTree(f.jsonSchemaJson());
            assertThat(schema.path("schema").path("properties").path("confidence").path("minimum").asInt()).isZero();
            assertThat(schema.path("schema").path("properties").path("label").path("type").asText()).isEqualTo("string");
        }

        @Test
        void json_schema_in_openai_wire_shape() throws Exception {
            ResponseFormat f = valid(withFormat("""
                    responseFormat:
                      type: json_schema
                      json_schema:
                        name: answer
                        schema: {type: object}
                    """)).responseFormat();
            assertThat(JSON.readTree(f.jsonSchemaJson()).path("name").asText()).isEqualTo("answer");
        }

        @Test
        void a_misspelt_format_is_an_error_with_a_suggestion() {
            LoadedPromptFile loaded = Prompts.load("p.prompt.yml", withFormat("responseFormat: json_objct"));
            assertThat(loaded.errors()).extracting(Problem::format).containsExactly(
                    "p.prompt.yml:1:17: error: responseFormat 'json_objct' is not one of text, json_object, json_schema"
                            + " — did you mean 'json_object'? json_object asks for any JSON; json_schema for JSON that matches"
                            + " jsonSchema");
        }

        @Test
        void json_schema_without_a_schema_or_with_invalid_json_says_what_to_write() {
            assertThat(Prompts.load("p.prompt.yml", withFormat("responseFormat: json_schema")).errors())
                    .extracting(Problem::format).containsExactly(
                            "p.prompt.yml:1:1: error: 'responseFormat: json_schema' needs a 'jsonSchema'. Add jsonSchema: with a"
                                    + " 'name' and a 'schema' (as a JSON string, as gh-models writes it, as YAML, or a .json file beside the"
                                    + " prompt file)");
            assertThat(Prompts.load("p.prompt.yml", withFormat("""
                    responseFormat: json_schema
                    jsonSchema: '{"name": "x", "schema": {'
                    """)).errors()).singleElement().satisfies(p -> {
                        assertThat(p.position()).isEqualTo(new Position("p.prompt.yml", 2, 13));
                        assertThat(p.message()).startsWith("'jsonSchema' is not valid JSON: ");
                        assertThat(p.fix()).isEqualTo("Fix the JSON, or write the schema as a YAML mapping instead of a string");
                    });
            assertThat(Prompts.load("p.prompt.yml", withFormat("""
                    responseFormat: json_schema
                    jsonSchema: {name: x}
                    """)).errors()).extracting(Problem::message).containsExactly("'jsonSchema' has no 'schema'");
        }

        private static String withFormat(String format) {
            return format + "\nmessages:\n  - role: user\n    content: hi\n";
        }
    }

    @Test
    void reads_messages_with_their_roles_templates_and_positions() {
        PromptFile f = valid(FULL);
        assertThat(f.messages()).extracting(MessageTemplate::role).containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT);
        MessageTemplate user = f.messages().get(1);
        assertThat(user.content().source()).isEqualTo("Ticket:\n{{ticket}}\n");
        assertThat(user.content().variables()).containsExactly("ticket");
        assertThat(user.position()).isEqualTo(new Position("prompts/t.prompt.yml", 29, 5));
        assertThat(user.content().position().line()).isEqualTo(30);
    }

    @Test
    void roles_are_read_case_insensitively() {
        PromptFile f = valid("""
                messages:
                  - role: System
                    content: a
                  - role: USER
                    content: b
                """);
        assertThat(f.messages()).extracting(MessageTemplate::role).containsExactly(Role.SYSTEM, Role.USER);
    }

    @Test
    void reads_variables_with_description_required_and_default() {
        PromptFile f = valid(FULL);
        assertThat(f.variables()).containsExactly(
                new VariableDeclaration("ticket", "The ticket text", true, null, new Position("prompts/t.prompt.yml", 21, 5)),
                new VariableDeclaration("tone", null, false, "neutral", new Position("prompts/t.prompt.yml", 24, 5)));
    }

    @Test
    void reads_flat_entries_where_every_key_is_a_variable_and_applies_defaults() {
        TestCase flat = valid(FULL).testData().get(0);
        assertThat(flat.index()).isEqualTo(1);
        assertThat(flat.key()).isEqualTo("#1");
        assertThat(flat.name()).isNull();
        assertThat(flat.variables()).containsExactly(
                entry("tone", "neutral"), entry("ticket", "My invoice is wrong"), entry("expected", "billing"));
        assertThat(flat.expected()).isEqualTo("billing");
        assertThat(flat.problems()).isEmpty();
        assertThat(flat.position()).isEqualTo(new Position("prompts/t.prompt.yml", 36, 5));
    }

    @Test
    void reads_entries_with_input_beside_expected_name_description_and_tags() {
        TestCase nested = valid(FULL).testData().get(1);
        assertThat(nested.key()).isEqualTo("outage");
        assertThat(nested.name()).isEqualTo("outage");
        assertThat(nested.description()).isEqualTo("A site-wide outage");
        assertThat(nested.variables()).contains(entry("ticket", "The site is down"), entry("tone", "urgent"),
                entry("expected", "incident"));
        assertThat(nested.expectedText()).contains("incident");
        assertThat(nested.tags()).containsExactly("p1");
        assertThat(nested.position().line()).isEqualTo(38);
    }

    @Test
    void a_scalar_input_is_the_variable_named_input_as_in_gh_models_examples() {
        PromptFile f = valid("""
                messages:
                  - role: user
                    content: "Summarize: {{input}}"
                testData:
                  - input: The quarterly report shows growth.
                    expected: growth
                """);
        assertThat(f.testData().get(0).variables()).containsEntry("input", "The quarterly report shows growth.");
    }

    @Test
    void structured_values_become_compact_json_and_a_structured_expected_is_not_a_text_check() {
        PromptFile f = valid("""
                messages:
                  - role: user
                    content: "Order: {{order}}"
                testData:
                  - order: {id: 7, items: [apple, pear], gift: false}
                    expected: {status: ok}
                """);
        TestCase tc = f.testData().get(0);
        assertThat(tc.variables()).containsEntry("order", "{\"id\":7,\"items\":[\"apple\",\"pear\"],\"gift\":false}");
        assertThat(tc.variables()).containsEntry("expected", "{\"status\":\"ok\"}");
        assertThat(tc.expected()).isNull();
    }

    @Test
    void entries_with_the_same_name_get_distinct_keys_and_a_warning() {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", """
                messages:
                  - role: user
                    content: "{{q}}"
                testData:
                  - name: same
                    q: a
                  - name: same
                    q: b
                """);
        assertThat(loaded.fileOrThrow().testData()).extracting(TestCase::key).containsExactly("same", "same (2)");
        assertThat(loaded.warnings()).extracting(Problem::position).containsExactly(new Position("p.prompt.yml", 7, 5));
    }

    @Test
    void reads_evaluators_in_type_form_kind_form_and_shorthand_with_weights() {
        List<EvaluatorSpec> evaluators = valid(FULL).evaluators();
        assertThat(evaluators).extracting(EvaluatorSpec::name).containsExactly("mentions a label", "label format", "weighted");
        assertThat(evaluators).extracting(EvaluatorSpec::kind).containsExactly("string", "regex", "regex");
        assertThat(evaluators).extracting(EvaluatorSpec::weight).containsExactly(1.0, 1.0, 2.5);

        YamlMap stringConfig = (YamlMap) evaluators.get(0).config();
        assertThat(stringConfig.keys()).containsExactly("contains");
        YamlMap typeForm = (YamlMap) evaluators.get(1).config();
        assertThat(typeForm.keys()).as("type: and name: are not settings of the kind").containsExactly("pattern");
        assertThat(((YamlScalar) typeForm.get("pattern").orElseThrow()).text()).isEqualTo("\"label\"\\s*:");
        assertThat(((YamlScalar) evaluators.get(2).config()).text()).isEqualTo("[a-z]+");
        assertThat(evaluators.get(1).position()).isEqualTo(new Position("prompts/t.prompt.yml", 49, 5));
    }

    @Test
    void an_unnamed_evaluator_is_named_after_its_kind_and_index() {
        PromptFile f = valid("""
                messages:
                  - role: user
                    content: hi
                evaluators:
                  - string: {contains: hi}
                """);
        assertThat(f.evaluators()).extracting(EvaluatorSpec::name).containsExactly("string #1");
    }

    @Test
    void reads_metadata_and_its_tags() {
        PromptFile f = valid(FULL);
        assertThat(f.metadata()).containsEntry("owner", "support-team").containsEntry("tags", List.of("triage", "smoke"));
        assertThat(f.tags()).containsExactlyInAnyOrder("triage", "smoke");
    }

    @Test
    void tags_may_also_be_a_single_text_or_a_top_level_list() {
        assertThat(valid("""
                metadata:
                  tags: nightly
                tags: [fast]
                messages:
                  - role: user
                    content: hi
                """).tags()).containsExactlyInAnyOrder("nightly", "fast");
    }

    @Test
    void reads_the_seed_prompt_properly_nested() {
        PromptFile f = valid(Prompts.resource("spec/cqrs-architect.prompt.yml"));
        assertThat(f.name()).isEqualTo("CQRS and Event Sourcing Architect");
        assertThat(f.version()).isEqualTo("1.0.0");
        assertThat(f.authors()).containsExactly("Strategic Genesis Architect");
        assertThat(f.tags()).containsExactlyInAnyOrder("architecture", "cqrs", "event-sourcing", "scalability", "system-design");
        assertThat(f.metadata()).containsEntry("requires_context", true).containsEntry("complexity", "high");
        assertThat(f.variables()).extracting(VariableDeclaration::name, VariableDeclaration::required)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("system_requirements", true));
        assertThat(f.model()).contains("gpt-4o");
        assertThat(f.modelParameters().temperature()).isEqualTo(0.1);
        assertThat(f.messages()).extracting(MessageTemplate::role).containsExactly(Role.SYSTEM, Role.USER);
        TestCase tc = f.testData().get(0);
        assertThat(tc.variables().get("system_requirements")).startsWith("We are building an e-commerce platform's");
        assertThat(tc.expected()).isEqualTo("CQRS");
        assertThat(tc.problems()).isEmpty();
        assertThat(f.evaluators()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Acronym Check");
            assertThat(e.kind()).isEqualTo("regex");
        });
    }

    @Test
    void an_empty_file_is_invalid_not_a_crash() {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", "");
        assertThat(loaded.errors()).extracting(Problem::format).containsExactly(
                "p.prompt.yml:1:1: error: the file has no 'messages'. Add messages: with at least one '- role: user' and its 'content'");
    }
}
