package dev.promptspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.eval.NamedEvaluators;
import dev.promptspec.eval.Verdict;
import dev.promptspec.problem.Problem;
import dev.promptspec.testing.Prompts;
import org.junit.jupiter.api.Test;

/** {@code promptspec.strict=true}: a file with anything suspicious does not run; each warning is an error, worded the same. */
class StrictCompileTest {

    /** A file gh-models runs, with two things PromptSpec warns about: someone's own top-level key and an unread column. */
    private static final String TRIAGE = """
            name: Ticket triage
            owner: support-platform
            model: openai/gpt-4o-mini
            messages:
              - role: system
                content: Classify the support ticket as billing, bug or question. Answer with the label only.
              - role: user
                content: "{{ticket}}"
            testData:
              - ticket: I was charged twice for my March invoice.
                expected: billing
                customer: ACME GmbH
            """;

    private final PromptCompiler compiler = new PromptCompiler(YamlLimits.DEFAULTS, Prompts.REGISTRY);

    @Test
    void by_default_warnings_let_the_file_run() {
        CompiledPrompt prompt = compiler.compile(Prompts.source("triage.prompt.yml", TRIAGE));

        assertThat(prompt.isRunnable()).isTrue();
        assertThat(prompt.problems()).extracting(Problem::severity).containsOnly(Problem.Severity.WARNING).hasSize(2);
    }

    @Test
    void strict_makes_every_warning_an_error_with_its_message_and_says_why() {
        CompiledPrompt prompt = compiler.withStrict(true).compile(Prompts.source("triage.prompt.yml", TRIAGE));

        assertThat(prompt.isRunnable()).isFalse();
        assertThat(prompt.evaluators()).isEmpty();
        assertThat(prompt.problems()).extracting(Problem::format).containsExactly(
                "triage.prompt.yml:2:1: error: unknown top-level key 'owner' is ignored. Move it under metadata: if it is your own"
                        + " information; known keys: authors, confidence, defaults, description, evaluators, jsonSchema, messages,"
                        + " metadata, model, modelParameters, models, name, passRate, responseFormat, samples, tags, testData, threshold,"
                        + " variables, version."
                        + " promptspec.strict=true makes warnings errors",
                "triage.prompt.yml:12:5: error: testData key 'customer' is not used by any message or evaluator. Rename it to"
                        + " the {{variable}} it is meant for, or remove it (descriptive keys category, comment, description,"
                        + " expected, id, name, notes, tags are never reported). promptspec.strict=true makes warnings errors");
    }

    @Test
    void a_file_without_warnings_runs_in_strict_mode_too() {
        String clean = TRIAGE.replace("owner: support-platform\n", "").replace("    customer: ACME GmbH\n", "");

        CompiledPrompt prompt = compiler.withStrict(true).compile(Prompts.source("triage.prompt.yml", clean));

        assertThat(prompt.isRunnable()).isTrue();
        assertThat(prompt.problems()).isEmpty();
    }

    @Test
    void strict_is_kept_by_the_compiler_of_a_test_class_and_can_be_turned_off() {
        NamedEvaluators named = NamedEvaluators.builder().add("always", ctx -> Verdict.pass("ok"), "a lambda of this test").build();

        assertThat(compiler.withStrict(true).withNamedEvaluators(named).compile(Prompts.source("t.prompt.yml", TRIAGE)).isRunnable())
                .isFalse();
        assertThat(compiler.withStrict(true).withStrict(false).compile(Prompts.source("t.prompt.yml", TRIAGE)).isRunnable())
                .isTrue();
    }
}
