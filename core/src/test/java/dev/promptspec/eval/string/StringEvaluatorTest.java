package dev.promptspec.eval.string;

import static dev.promptspec.testing.EvaluatorHarness.check;
import static dev.promptspec.testing.EvaluatorHarness.resource;
import static dev.promptspec.testing.EvaluatorHarness.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.eval.Verdict;
import dev.promptspec.problem.MissingVariableException;
import dev.promptspec.problem.Problem;
import dev.promptspec.testing.EvaluatorHarness;
import org.junit.jupiter.api.Test;

class StringEvaluatorTest {

    private static final String CQRS = resource("responses/cqrs-order-management.md");

    /** gh-models: the response is trimmed; equals is exact and case-sensitive; the other three ignore case. */
    @Test
    void gh_models_semantics_for_the_four_original_keys() throws Exception {
        assertThat(check("string: {equals: Paris}", "  Paris\n")).isEqualTo(Verdict.pass("equals \"Paris\""));
        assertThat(check("string: {equals: Paris}", "paris")).isEqualTo(Verdict.fail("expected exactly \"Paris\", got \"paris\""));
        assertThat(check("string: {equals: Paris}", "Paris.")).isEqualTo(Verdict.fail("expected exactly \"Paris\", got \"Paris.\""));
        assertThat(check("string: {contains: eventstoredb}", CQRS)).isEqualTo(Verdict.pass("contains \"eventstoredb\""));
        assertThat(check("string: {startsWith: '# cqrs/es'}", CQRS)).isEqualTo(Verdict.pass("starts with \"# cqrs/es\""));
        assertThat(check("string: {endsWith: 'IDEMPOTENT CONSUMERS.**'}", CQRS))
                .isEqualTo(Verdict.pass("ends with \"IDEMPOTENT CONSUMERS.**\""));
        assertThat(check("string: {startsWith: 'Sure!'}", CQRS)).isEqualTo(Verdict.fail(
                "does not start with \"Sure!\" (ignoring case); starts with \"# CQRS/ES Architect…\""));
        assertThat(check("string: {endsWith: 'Let me know if you have questions.'}", CQRS)).isEqualTo(Verdict.fail(
                "does not end with \"Let me know if you have questions.\" (ignoring case);"
                        + " ends with \"…istic event ids, and idempotent consumers.**\""));
    }

    @Test
    void like_gh_models_only_the_first_of_the_four_is_checked_and_the_rest_are_flagged() throws Exception {
        EvaluatorHarness h = single("string: {equals: '', contains: Kafka, startsWith: Nope}");
        assertThat(h.run("check", CQRS)).isEqualTo(Verdict.pass("contains \"Kafka\""));
        assertThat(h.problems()).extracting(Problem::format).containsExactly(
                "prompts/test.prompt.yml:10:43: warning: 'startsWith' is not checked: string evaluator 'check' already checks"
                        + " 'contains' (gh-models checks only the first of equals, contains, startsWith, endsWith)."
                        + " Give 'startsWith' an evaluator of its own");
    }

    @Test
    void ignore_case_switches_the_defaults() throws Exception {
        assertThat(check("string: {contains: eventstoredb, ignoreCase: false}", CQRS))
                .isEqualTo(Verdict.fail("does not contain \"eventstoredb\""));
        assertThat(check("string: {equals: PARIS, ignoreCase: true}", "Paris")).isEqualTo(Verdict.pass("equals \"PARIS\""));
        assertThat(check("string: {notContains: kafka, ignoreCase: false}", CQRS)).isEqualTo(Verdict.pass("contains none of \"kafka\""));
    }

    @Test
    void not_contains_all_and_any() throws Exception {
        assertThat(check("string: {notContains: [\"as an AI\", \"I'm sorry\"]}", CQRS))
                .isEqualTo(Verdict.pass("contains none of \"as an AI\", \"I'm sorry\""));
        assertThat(check("string: {notContains: [2PC, two-phase commit]}", CQRS + "\nAvoid 2PC and Two-Phase Commit."))
                .isEqualTo(Verdict.fail("must not contain \"2PC\" (line 126), \"two-phase commit\" (line 126) (ignoring case)"));
        assertThat(check("string: {containsAll: [Saga, outbox, idempotency, snapshot]}", CQRS))
                .isEqualTo(Verdict.pass("contains all 4 texts"));
        assertThat(check("string: {containsAll: [Saga, outbox, CRDT, Raft]}", CQRS)).isEqualTo(
                Verdict.fail("does not contain \"CRDT\", \"Raft\" (ignoring case) (2 of 4 found)"));
        assertThat(check("string: {containsAny: [DynamoDB, EventStoreDB, Marten]}", CQRS))
                .isEqualTo(Verdict.pass("contains one of \"DynamoDB\", \"EventStoreDB\", \"Marten\""));
        assertThat(check("string: {containsAny: [DynamoDB, Marten]}", CQRS))
                .isEqualTo(Verdict.fail("contains none of \"DynamoDB\", \"Marten\" (ignoring case)"));
    }

    @Test
    void several_conditions_must_all_hold_and_each_failure_is_named() throws Exception {
        assertThat(check("string: {contains: Kafka, notContains: Kafka, containsAny: [RabbitMQ]}", CQRS)).isEqualTo(Verdict.fail(
                "must not contain \"Kafka\" (line 53) (ignoring case); contains none of \"RabbitMQ\" (ignoring case)"));
    }

    @Test
    void values_are_templates_over_the_test_case_variables() throws Exception {
        EvaluatorHarness h = single("string: {contains: '{{expected}}'}");
        assertThat(h.run("check", "The answer is THE ANSWER.")).isEqualTo(Verdict.pass("contains \"the answer\""));
        assertThat(h.prompt().evaluatorsUseExpected()).isTrue(); // so no implicit "expected" check is added
        assertThatThrownBy(() -> single("string: {contains: '{{missing}}'}").run("check", "x"))
                .isInstanceOf(MissingVariableException.class).hasMessageContaining("missing");
    }

    @Test
    void malformed_configuration_is_a_load_error_at_its_line() {
        assertThat(single("string: {equals: ''}").errors()).isEqualTo("prompts/test.prompt.yml:10:13: error: string evaluator"
                + " 'check' has nothing to check. Set one of equals, contains, startsWith, endsWith, notContains, containsAll,"
                + " containsAny to a non-empty text");
        assertThat(single("string: {containsAll: []}").errors()).isEqualTo("prompts/test.prompt.yml:10:27: error: 'containsAll'"
                + " in string evaluator 'check' is empty. List the texts to look for");
        assertThat(single("string: {notContains: [sorry, '']}").errors()).isEqualTo("prompts/test.prompt.yml:10:27: error:"
                + " 'notContains' in string evaluator 'check' holds an empty text. List the texts to look for");
        assertThat(single("string: {contain: x}").errors()).startsWith("prompts/test.prompt.yml:10:14: error: unknown key"
                + " 'contain' in string evaluator 'check' — did you mean 'contains'?");
        assertThat(single("string: {ignoreCase: maybe, contains: x}").errors()).isEqualTo("prompts/test.prompt.yml:10:26: error:"
                + " 'ignoreCase' in string evaluator 'check' must be true or false, not a string. Write true or false");
        assertThat(single("string: Paris").errors()).startsWith("prompts/test.prompt.yml:10:13: error: 'string' evaluator 'check'"
                + " needs its settings as a mapping, not a string");
    }
}
