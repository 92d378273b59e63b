package dev.promptspec.eval.negation;

import static dev.promptspec.testing.EvaluatorHarness.check;
import static dev.promptspec.testing.EvaluatorHarness.resource;
import static dev.promptspec.testing.EvaluatorHarness.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.eval.Verdict;
import org.junit.jupiter.api.Test;

class NotEvaluatorTest {

    private static final String CQRS = resource("responses/cqrs-order-management.md");
    private static final String MIGRATION = resource("responses/migration-guide-html.md");

    @Test
    void negates_any_kind_written_inside_it() throws Exception {
        assertThat(check("not: {string: {contains: \"I'm sorry\"}}", CQRS)).isEqualTo(Verdict.pass(
                "the negated string check does not hold, as required: does not contain \"I'm sorry\" (ignoring case)"));
        assertThat(check("not: {string: {contains: Kafka}}", CQRS)).isEqualTo(
                Verdict.fail("the negated string check holds, so this fails: contains \"Kafka\""));
        assertThat(check("not: {markdown: {minTables: 1}}", MIGRATION)).isEqualTo(
                Verdict.fail("the negated markdown check holds, so this fails: the response has 1 table"));
    }

    @Test
    void the_seed_type_form_and_nesting_work() throws Exception {
        assertThat(check("not: {type: regex, pattern: '(?i)as an AI'}", CQRS).passed()).isTrue();
        assertThat(check("not: {not: {regex: Kafka}}", CQRS)).isEqualTo(Verdict.pass(
                "the negated not check does not hold, as required: the negated regex check holds, so this fails:"
                        + " found \"Kafka\" at line 53"));
    }

    @Test
    void the_score_is_inverted() throws Exception {
        assertThat(check("not: {regex: Kafka}", CQRS).score()).isZero();
        assertThat(check("not: {regex: RabbitMQ}", CQRS).score()).isEqualTo(1.0);
    }

    @Test
    void a_crash_inside_is_not_a_pass() {
        // {{missing}} has no value: the inner evaluator cannot check, and negation must not turn that into a pass
        assertThatThrownBy(() -> single("not: {json: {equals: {/a: '{{missing}}'}}}").run("check", "{\"a\": 1}"))
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> single("not: {string: {contains: '{{missing}}'}}").run("check", "anything"))
                .hasMessageContaining("missing");
    }

    @Test
    void malformed_configuration_is_a_load_error_at_its_line() {
        assertThat(single("not: {strng: {contains: x}}").errors()).startsWith(
                "prompts/test.prompt.yml:10:11: error: unknown evaluator kind 'strng'");
        assertThat(single("not: {regex: '(unclosed'}").errors()).startsWith(
                "prompts/test.prompt.yml:10:18: error: invalid regex in 'check': Unclosed group");
        assertThat(single("not: {string: {contains: a}, regex: b}").errors()).isEqualTo("prompts/test.prompt.yml:10:10: error:"
                + " 'not' in evaluator 'check' must hold exactly one evaluator kind, not 2 keys (string, regex). Write it as"
                + " not: {string: {contains: ...}}; to negate several checks, use one 'not' per check");
        assertThat(single("not: {llm: {prompt: 'Is it rude? {{completion}}'}}").errors()).isEqualTo("prompts/test.prompt.yml:10:11:"
                + " error: 'not' cannot negate the model-graded evaluator 'check': a judge that cannot be reached or read fails,"
                + " and negated that would pass. Ask the judge the opposite question instead (an llm: prompt whose passing choice"
                + " is the negation)");
        assertThat(single("not: {uses: github/coherence}").errors()).startsWith("prompts/test.prompt.yml:10:11:"
                + " error: 'not' cannot negate the model-graded evaluator 'check'");
        assertThat(single("not: Kafka").errors()).startsWith("prompts/test.prompt.yml:10:10: error: 'not' evaluator 'check' needs"
                + " its settings as a mapping");
    }
}
