package dev.promptspec.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.testing.Prompts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON operators on a realistic structured answer, reading the file's schema for required fields and valid values. */
class JsonOperatorsTest {

    private static final String FILE = """
            name: Support ticket triage
            model: gpt-4o-mini
            responseFormat: json_schema
            jsonSchema:
              name: ticket_triage
              strict: true
              schema:
                type: object
                additionalProperties: false
                required: [category, priority, tags, escalation]
                properties:
                  category: {type: string, enum: [billing, bug, feature-request]}
                  priority: {type: string, enum: [low, normal, high, urgent]}
                  tags: {type: array, items: {type: string}}
                  escalation:
                    type: object
                    additionalProperties: false
                    required: [required, team]
                    properties:
                      required: {type: boolean}
                      team: {type: [string, "null"], enum: [payments, engineering, null]}
            messages:
              - role: user
                content: "Triage this ticket as JSON: {{ticket}}"
            testData:
              - ticket: My card was charged twice for the yearly renewal. Please refund the second charge.
                expected: billing
              - ticket: Every restore from our Milan office fails with Error 504.
                expected: bug
            evaluators:
              - name: routed
                json:
                  equals: {/category: "{{expected}}"}
            """;

    private static final String ANSWER = """
            {"category":"billing","priority":"high","tags":["duplicate-charge","refund-request"],\
            "escalation":{"required":true,"team":"payments"}}""";

    private static Subject subject(String answer) {
        CompiledPrompt prompt = Prompts.compile("prompts/triage.prompt.yml", FILE);
        assertThat(prompt.errors()).isEmpty();
        PromptFile file = prompt.fileOrThrow();
        return Subject.of(answer, file.testData().get(0), file);
    }

    private static List<String> mutants(String operator, Subject subject) {
        return Operators.ALL.stream().filter(o -> o.name().equals(operator)).findFirst().orElseThrow().mutate(subject);
    }

    @Test
    void drop_required_field_drops_each_field_the_schema_requires_at_any_depth() {
        assertThat(mutants("drop-required-field", subject(ANSWER))).containsExactly(
                "{\"priority\":\"high\",\"tags\":[\"duplicate-charge\",\"refund-request\"],\"escalation\":{\"required\":true,\"team\":\"payments\"}}",
                "{\"category\":\"billing\",\"tags\":[\"duplicate-charge\",\"refund-request\"],\"escalation\":{\"required\":true,\"team\":\"payments\"}}",
                "{\"category\":\"billing\",\"priority\":\"high\",\"escalation\":{\"required\":true,\"team\":\"payments\"}}",
                "{\"category\":\"billing\",\"priority\":\"high\",\"tags\":[\"duplicate-charge\",\"refund-request\"]}",
                "{\"category\":\"billing\",\"priority\":\"high\",\"tags\":[\"duplicate-charge\",\"refund-request\"],\"escalation\":{\"team\":\"payments\"}}",
                "{\"category\":\"billing\",\"priority\":\"high\",\"tags\":[\"duplicate-charge\",\"refund-request\"],\"escalation\":{\"required\":true}}");
    }

    @Test
    void change_type_gives_each_field_a_value_of_another_json_type() {
        List<String> mutants = mutants("change-type", subject(ANSWER));

        assertThat(mutants).hasSize(6);
        assertThat(mutants.get(0)).startsWith("{\"category\":7,\"priority\":\"high\"");
        assertThat(mutants.get(2)).contains("\"tags\":{},");
        assertThat(mutants.get(3)).endsWith("\"escalation\":[]}");
        assertThat(mutants.get(4)).endsWith("\"escalation\":{\"required\":\"true\",\"team\":\"payments\"}}");
    }

    @Test
    void replace_value_picks_another_valid_value_from_the_schema_s_enum_or_by_type() {
        assertThat(mutants("replace-value", subject(ANSWER))).containsExactly(
                ANSWER.replace("\"billing\"", "\"bug\""),
                ANSWER.replace("\"high\"", "\"low\""),
                ANSWER.replace("\"duplicate-charge\"", "\"n/a\""),
                ANSWER.replace("\"refund-request\"", "\"n/a\""),
                ANSWER.replace("\"required\":true", "\"required\":false"),
                ANSWER.replace("\"payments\"", "\"engineering\""));
    }

    @Test
    void without_a_schema_expected_values_are_swapped_with_another_case_s_and_top_level_fields_are_required() {
        Subject plain = new Subject(ANSWER, subject(ANSWER).json(), null, "billing", List.of("bug"), List.of());

        assertThat(mutants("replace-value", plain).get(0)).isEqualTo(ANSWER.replace("\"billing\"", "\"bug\""));
        assertThat(mutants("drop-required-field", plain)).hasSize(4);
    }

    @Test
    void the_recorded_text_is_wrapped_in_a_fence_or_preceded_by_prose() {
        Subject subject = subject(ANSWER);

        assertThat(mutants("wrap-code-fence", subject)).containsExactly("```json\n" + ANSWER + "\n```");
        assertThat(mutants("prose-before-json", subject)).containsExactly("Here is the JSON you asked for:\n\n" + ANSWER);
    }

    @Test
    void a_json_answer_gets_no_markdown_mutant_and_a_markdown_answer_no_json_mutant() {
        List<String> jsonOperators = Operators.mutants(subject(ANSWER)).stream().map(Mutant::operator).distinct().toList();
        List<String> markdownOperators = Operators.mutants(subject(MarkdownOperatorsTest.ANSWER)).stream().map(Mutant::operator)
                .distinct().toList();

        assertThat(jsonOperators).containsExactly("truncate-half", "duplicate", "empty", "apology", "drop-required-field", "change-type",
                "replace-value", "wrap-code-fence", "prose-before-json");
        assertThat(markdownOperators).containsExactly("drop-section", "flatten-headings", "strip-bold", "bullets-to-paragraph",
                "numbered-to-bullets", "drop-table", "unwrap-code-fence", "negate", "truncate-half", "duplicate", "empty", "apology");
    }
}
