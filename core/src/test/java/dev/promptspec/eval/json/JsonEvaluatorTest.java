package dev.promptspec.eval.json;

import static dev.promptspec.testing.EvaluatorHarness.check;
import static dev.promptspec.testing.EvaluatorHarness.resource;
import static dev.promptspec.testing.EvaluatorHarness.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.eval.Verdict;
import dev.promptspec.testing.EvaluatorHarness;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonEvaluatorTest {

    private static final String TICKET = resource("responses/ticket-triage.json");
    private static final String FENCED = "Here is the triage for this ticket:\n\n```json\n" + TICKET + "```\n\nLet me know if the"
            + " priority should be adjusted.";

    @Nested
    class Validity {
        @Test
        void valid_json() throws Exception {
            assertThat(check("json: valid", TICKET)).isEqualTo(Verdict.pass("valid JSON (an object with 10 fields)"));
            assertThat(check("json: {}", "[1, 2]")).isEqualTo(Verdict.pass("valid JSON (an array of 2 elements)"));
        }

        @Test
        void prose_around_json_is_not_json() throws Exception {
            assertThat(check("json: valid", "Sure! {\"category\": \"billing\"}")).isEqualTo(Verdict.fail(
                    "the response is not valid JSON: Unrecognized token 'Sure': was expecting (JSON String, Number, Array, Object"
                            + " or token 'null', 'true' or 'false') at line 1, column 1; it starts with \"Sure! {\"category\": \"billing\"}\""));
            assertThat(check("json: valid", "{\"category\": \"billing\"}\nHope this helps!").detail()).startsWith(
                    "the response is not valid JSON: Unrecognized token 'Hope'");
            assertThat(check("json: valid", "   ")).isEqualTo(Verdict.fail("the response is empty; expected JSON"));
        }

        @Test
        void a_fenced_answer_needs_strip_fence() throws Exception {
            assertThat(check("json: valid", "```json\n" + TICKET + "```").detail()).endsWith(
                    "; it is wrapped in a ``` code fence: set stripFence: true to accept that");
            assertThat(check("json: {stripFence: true}", FENCED)).isEqualTo(Verdict.pass("valid JSON (an object with 10 fields)"));
            assertThat(check("json: {stripFence: true}", "```json\n{\"a\": }\n```").detail()).startsWith(
                    "the ```json code fence is not valid JSON: Unexpected character ('}' (code 125))");
        }
    }

    @Nested
    class Schemas {
        static final String SCHEMA = """
                json:
                  schema:
                    type: object
                    required: [category, priority, summary]
                    properties:
                      category: {enum: [billing, bug, feature-request, account]}
                      priority: {enum: [low, normal, high, urgent]}
                      refundAmount: {type: number, minimum: 0}
                      tags: {type: array, items: {type: string, pattern: "^[a-z-]+$"}, maxItems: 5}
                """;

        @Test
        void an_inline_yaml_schema() throws Exception {
            assertThat(check(SCHEMA, TICKET)).isEqualTo(Verdict.pass("matches the schema"));
            String bad = TICKET.replace("\"billing\"", "\"payments\"").replace("\"refund-request\"", "\"Refund Request\"")
                    .replace("\"priority\": \"high\",", "");
            assertThat(check(SCHEMA, bad)).isEqualTo(Verdict.fail("the JSON does not match the schema:"
                    + " /category: does not have a value in the enumeration [\"billing\", \"bug\", \"feature-request\", \"account\"];"
                    + " /tags/2: does not match the regex pattern ^[a-z-]+$; (root): required property 'priority' not found"));
        }

        @Test
        void a_schema_file_next_to_the_prompt_with_a_relative_ref(@TempDir Path dir) throws Exception {
            Files.createDirectories(dir.resolve("schemas"));
            Files.writeString(dir.resolve("schemas/common.json"), """
                    {"$defs": {"invoice": {"type": "string", "pattern": "^INV-\\\\d{4}-\\\\d{2}-\\\\d{4}$"}}}""");
            Files.writeString(dir.resolve("schemas/triage.schema.json"), """
                    {"type": "object",
                     "properties": {"affectedInvoices": {"type": "array", "items": {"$ref": "common.json#/$defs/invoice"}}}}""");
            Path prompt = dir.resolve("triage.prompt.yml");
            Files.writeString(prompt, EvaluatorHarness.HEADER + "evaluators:\n  - name: check\n    json: {schemaFile: schemas/triage.schema.json}\n");
            EvaluatorHarness h = EvaluatorHarness.compile(prompt);
            assertThat(h.run("check", TICKET)).isEqualTo(Verdict.pass("matches schema file triage.schema.json"));
            assertThat(h.run("check", TICKET.replace("INV-2024-03-0118", "2024-03-0118"))).isEqualTo(Verdict.fail(
                    "the JSON does not match schema file triage.schema.json: /affectedInvoices/1: does not match the regex pattern"
                            + " ^INV-\\d{4}-\\d{2}-\\d{4}$"));
        }

        @Test
        void two_inline_schemas_of_one_file_stay_apart() throws Exception {
            EvaluatorHarness h = EvaluatorHarness.withEvaluators("""
                    evaluators:
                      - {name: object, json: {schema: {type: object}}}
                      - {name: array, json: {schema: {type: array}}}
                    """);
            assertThat(h.run("object", TICKET).passed()).isTrue();
            assertThat(h.run("array", TICKET).passed()).isFalse();
        }

        @Test
        void a_schema_file_beside_a_prompt_inside_a_jar(@TempDir Path dir) throws Exception {
            Path jar = dir.resolve("prompts.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new JarEntry("prompts/schemas/triage.schema.yml"));
                out.write("type: object\nrequired: [category, resolution]\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            URI prompt = URI.create("jar:" + jar.toUri() + "!/prompts/triage.prompt.yml");
            EvaluatorHarness h = EvaluatorHarness.compile(prompt,
                    EvaluatorHarness.HEADER + "evaluators:\n  - name: check\n    json: {schemaFile: schemas/triage.schema.yml}\n");
            assertThat(h.run("check", TICKET).detail()).startsWith("the JSON does not match schema jar:file:")
                    .endsWith("!/prompts/schemas/triage.schema.yml: (root): required property 'resolution' not found");
        }

        @Test
        void a_json_text_schema_works_too() throws Exception {
            assertThat(check("json: {schema: '{\"type\": \"array\"}'}", TICKET))
                    .isEqualTo(Verdict.fail("the JSON does not match the schema: (root): object found, array expected"));
        }
    }

    @Nested
    class Pointers {
        @Test
        void equals_compares_values_and_numbers_by_value() throws Exception {
            assertThat(check("json: {equals: {/category: billing, /refundAmount: 348, /escalation/required: true}}", TICKET))
                    .isEqualTo(Verdict.pass("/category is \"billing\"; /refundAmount is 348.0; /escalation/required is true"));
            assertThat(check("json: {equals: {/priority: urgent, /escalation/team: {name: payments}}}", TICKET)).isEqualTo(
                    Verdict.fail("/priority is \"high\"; expected \"urgent\"; /escalation/team is \"payments\"; expected {\"name\":\"payments\"}"));
            assertThat(check("json: {equals: {/owner: alice}}", TICKET))
                    .isEqualTo(Verdict.fail("/owner is missing; expected \"alice\""));
        }

        @Test
        void contains_looks_into_strings_arrays_and_objects() throws Exception {
            assertThat(check("json: {contains: {/summary: charged twice, /tags: sla-breach, /escalation: {team: payments}}}", TICKET))
                    .isEqualTo(Verdict.pass("/summary contains \"charged twice\"; /tags contains \"sla-breach\";"
                            + " /escalation contains {\"team\":\"payments\"}"));
            assertThat(check("json: {contains: {/tags: chargeback}}", TICKET)).isEqualTo(Verdict.fail(
                    "/tags is [\"duplicate-charge\",\"renewal\",\"refund-request\",\"sla-breach\"]; expected it to contain \"chargeback\""));
        }

        @Test
        void exists_and_absent() throws Exception {
            assertThat(check("json: {exists: [/customerId, /affectedInvoices/1], absent: [/internalNotes]}", TICKET))
                    .isEqualTo(Verdict.pass("/customerId is \"C-20931\"; /affectedInvoices/1 is \"INV-2024-03-0118\"; /internalNotes is absent"));
            assertThat(check("json: {exists: /affectedInvoices/2, absent: /escalation}", TICKET)).isEqualTo(Verdict.fail(
                    "/affectedInvoices/2 is missing; /escalation is {\"required\":true,\"team\":\"payments\",\"reason\":\"Duplicate charge on a"
                            + " renewal; fir…; expected it absent"));
        }

        @Test
        void expected_texts_are_templates_over_the_test_case() throws Exception {
            EvaluatorHarness h = EvaluatorHarness.compile(EvaluatorHarness.HEADER.replace("expected: \"the answer\"", "customer: C-20931")
                    + "evaluators:\n  - name: check\n    json: {equals: {/customerId: '{{customer}}'}}\n");
            assertThat(h.run("check", TICKET)).isEqualTo(Verdict.pass("/customerId is \"C-20931\""));
            assertThat(h.run("check", TICKET.replace("C-20931", "C-1"))).isEqualTo(Verdict.fail("/customerId is \"C-1\"; expected \"C-20931\""));
        }

        @Test
        void checks_run_only_on_valid_json() throws Exception {
            assertThat(check("json: {exists: /category}", "category: billing").detail()).startsWith("the response is not valid JSON");
        }
    }

    @Nested
    class ResponseFormat {
        static final String FILE = """
                name: Ticket triage
                model: gpt-4o
                responseFormat: json_schema
                jsonSchema:
                  name: triage
                  strict: true
                  schema:
                    type: object
                    required: [category, priority]
                    properties:
                      category: {type: string}
                      priority: {enum: [low, normal, high, urgent]}
                messages:
                  - {role: user, content: "Triage: {{ticket}}"}
                testData:
                  - {ticket: "I was charged twice"}
                """;

        @Test
        void a_json_schema_response_format_is_checked_without_an_evaluator() throws Exception {
            EvaluatorHarness h = EvaluatorHarness.compile(FILE);
            assertThat(h.prompt().evaluators()).extracting(e -> e.spec().name() + " (" + e.spec().kind() + ")")
                    .containsExactly(JsonEvaluatorFactory.RESPONSE_FORMAT_CHECK + " (json)");
            assertThat(h.run("responseFormat", TICKET)).isEqualTo(Verdict.pass("matches the schema"));
            assertThat(h.run("responseFormat", TICKET.replace("\"high\"", "\"p1\""))).isEqualTo(Verdict.fail(
                    "the JSON does not match the schema: /priority: does not have a value in the enumeration"
                            + " [\"low\", \"normal\", \"high\", \"urgent\"]"));
            assertThat(h.run("responseFormat", "I'm sorry, I can't help with that.").detail())
                    .startsWith("the response is not valid JSON");
        }

        @Test
        void a_json_object_response_format_wants_an_object() throws Exception {
            EvaluatorHarness h = EvaluatorHarness.compile(FILE.replace("json_schema", "json_object"));
            assertThat(h.run("responseFormat", TICKET)).isEqualTo(Verdict.pass("valid JSON (an object with 10 fields)"));
            assertThat(h.run("responseFormat", "[\"billing\"]"))
                    .isEqualTo(Verdict.fail("responseFormat json_object wants a JSON object; the response is an array of 1 element"));
        }

        @Test
        void an_invalid_response_schema_is_a_load_error() {
            assertThat(EvaluatorHarness.compile(FILE.replace("{type: string}", "{type: text}")).errors()).isEqualTo(
                    "prompts/test.prompt.yml:3:17: error: jsonSchema: the schema is not a valid JSON Schema:"
                            + " /properties/category/type: does not have a value in the enumeration"
                            + " [\"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\"];"
                            + " /properties/category/type: string found, array expected. Fix the schema under jsonSchema.schema");
        }
    }

    @Test
    void malformed_configuration_is_a_load_error_at_its_line(@TempDir Path dir) throws Exception {
        assertThat(single("json: {schema: {type: objekt}}").errors()).isEqualTo("prompts/test.prompt.yml:10:20: error: the schema"
                + " is not a valid JSON Schema: /type: does not have a value in the enumeration [\"array\", \"boolean\", \"integer\","
                + " \"null\", \"number\", \"object\", \"string\"]; /type: string found, array expected."
                + " Write the schema as a YAML mapping or a JSON string (draft 2020-12 unless it sets $schema)");
        assertThat(single("json: {equals: {status: ok}}").errors()).isEqualTo("prompts/test.prompt.yml:10:21: error: 'status' is"
                + " not a JSON pointer. JSON pointers start with / and separate keys and indexes with /, e.g. /items/0/sku");
        assertThat(single("json: {equals: [/status]}").errors()).startsWith("prompts/test.prompt.yml:10:20: error: 'equals' must map"
                + " JSON pointers to values, not a list");
        assertThat(single("json: {schemaFile: order.json}").errors()).isEqualTo("prompts/test.prompt.yml:10:24: error: schemaFile"
                + " 'order.json' cannot be resolved: prompts/test.prompt.yml is not a file. Inline the schema with schema: instead");
        Path prompt = dir.resolve("p.prompt.yml");
        Files.writeString(prompt, EvaluatorHarness.HEADER + "evaluators:\n  - name: check\n    json: {schemaFile: missing.json}\n");
        assertThat(EvaluatorHarness.compile(prompt).errors()).isEqualTo("prompts/test.prompt.yml:10:24: error: schema file "
                + dir.resolve("missing.json") + " does not exist. schemaFile is resolved against the prompt file's directory");
        assertThat(single("json: yes please").errors()).startsWith("prompts/test.prompt.yml:10:11: error: json evaluator 'check'"
                + " must be 'valid' or a mapping, not 'yes please'");
        assertThat(single("json: {schema: {}, schemaFile: x.json}").errors()).startsWith("prompts/test.prompt.yml:10:24: error:"
                + " json evaluator 'check' has both 'schema' and 'schemaFile'");
    }
}
