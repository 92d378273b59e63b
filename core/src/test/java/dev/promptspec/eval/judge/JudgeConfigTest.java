package dev.promptspec.eval.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptCompiler;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Malformed judge settings are load-time errors at their line, with a way to fix them. */
class JudgeConfigTest {

    private static final String HEAD = """
            name: Judged
            model: gpt-4o-mini
            messages:
              - role: user
                content: "{{input}}"
            testData:
              - input: What does CQRS stand for?
                expected: Command Query Responsibility Segregation
            evaluators:
            """;

    /** Line of the first evaluator line in {@link #HEAD} + evaluators. */
    private static final int FIRST = 10;

    private static CompiledPrompt compile(String evaluators) {
        PromptSource source = new PromptSource("prompts/judged.prompt.yml", URI.create("classpath:prompts/judged.prompt.yml"),
                Optional.empty(), HEAD + evaluators);
        return new PromptCompiler(YamlLimits.DEFAULTS, EvaluatorRegistry.load(JudgeConfigTest.class.getClassLoader())).compile(source);
    }

    private static List<String> errors(String evaluators) {
        CompiledPrompt cp = compile(evaluators);
        assertThat(cp.isRunnable()).as("should not load: " + evaluators).isFalse();
        return cp.errors().stream().map(Problem::format).toList();
    }

    @Test
    void valid_judges_load() {
        CompiledPrompt cp = compile("""
                  - name: coherent
                    uses: github/coherence
                    threshold: 0.75
                    modelId: gpt-4o
                  - name: similar to the reference
                    uses: github/similarity
                    question: "{{input}}"
                    reference: "{{expected}}"
                  - name: fluent
                    uses: github/fluency
                  - name: correct expansion
                    llm:
                      prompt: "Is this the right expansion of CQRS? {{completion}}"
                      choices:
                        - {choice: "yes", score: 1}
                        - {choice: "no", score: 0}
                """);
        assertThat(cp.problems()).isEmpty();
        assertThat(cp.evaluators()).hasSize(4);
        assertThat(cp.evaluatorsUseExpected()).as("similarity shows the judge {{expected}}: no implicit contains-check").isTrue();
        assertThat(cp.evaluators().get(0).evaluator().variablesUsed()).containsExactly("input");
    }

    @Test
    void misspelt_built_in_judge() {
        assertThat(errors("""
                  - name: coherent
                    uses: github/coherance
                """)).containsExactly("prompts/judged.prompt.yml:" + (FIRST + 1) + ":11: error: unknown built-in judge 'github/coherance'"
                + " — did you mean 'github/coherence'? Built-in judges: github/similarity, github/coherence, github/fluency,"
                + " github/relevance, github/groundedness");
    }

    @Test
    void threshold_written_as_a_rating() {
        assertThat(errors("""
                  - name: coherent
                    uses: github/coherence
                    threshold: 4
                """)).containsExactly("prompts/judged.prompt.yml:" + (FIRST + 2) + ":16: error: 'threshold' in evaluator 'coherent'"
                + " (github/coherence) is a score from 0 to 1, not a rating. A rating of 4 of 5 is the score 0.75: write threshold: 0.75");
    }

    @Test
    void an_input_of_another_judge() {
        assertThat(errors("""
                  - name: coherent
                    uses: github/coherence
                    context: "{{expected}}"
                """)).singleElement().asString().startsWith("prompts/judged.prompt.yml:" + (FIRST + 2)
                + ":5: error: unknown key 'context' in evaluator 'coherent' (github/coherence)").endsWith("Known keys: uses, threshold, modelId, question");
    }

    @Test
    void unknown_uses() {
        assertThat(errors("""
                  - name: x
                    uses: promptfoo/similar
                """)).singleElement().asString().startsWith("prompts/judged.prompt.yml:" + (FIRST + 1)
                + ":11: error: unknown evaluator 'promptfoo/similar' in uses:. uses: takes a built-in judge (github/similarity,");
    }

    @Test
    void llm_without_prompt_or_choices() {
        assertThat(errors("""
                  - name: judge
                    llm:
                      choices:
                        - {choice: "yes", score: 1}
                """)).singleElement().asString().startsWith("prompts/judged.prompt.yml:" + (FIRST + 2)
                + ":7: error: llm evaluator 'judge' has no 'prompt'");
        assertThat(errors("""
                  - name: judge
                    llm:
                      prompt: "Grade: {{completion}}"
                """)).singleElement().asString().startsWith("prompts/judged.prompt.yml:" + (FIRST + 2)
                + ":7: error: llm evaluator 'judge' has no 'choices'. Write choices: as a list");
    }

    @Test
    void llm_choice_with_a_score_out_of_range_or_missing() {
        assertThat(errors("""
                  - name: judge
                    llm:
                      prompt: "Grade: {{completion}}"
                      choices:
                        - choice: good
                          score: 10
                        - choice: bad
                          score: 0
                """)).containsExactly("prompts/judged.prompt.yml:" + (FIRST + 5)
                + ":18: error: 'score' in choice #1 of llm evaluator 'judge' must be between 0 and 1, not 10. Use a value from 0 to 1");
        assertThat(errors("""
                  - name: judge
                    llm:
                      prompt: "Grade: {{completion}}"
                      choices:
                        - choice: good
                        - choice: bad
                          score: 0
                """)).singleElement().asString().startsWith("prompts/judged.prompt.yml:" + (FIRST + 4)
                + ":11: error: choice 'good' of llm evaluator 'judge' has no 'score'");
    }

    @Test
    void llm_that_can_never_pass() {
        assertThat(errors("""
                  - name: judge
                    llm:
                      prompt: "Grade: {{completion}}"
                      threshold: 0.9
                      choices:
                        - {choice: good, score: 0.8}
                        - {choice: bad, score: 0}
                """)).singleElement().asString().startsWith("prompts/judged.prompt.yml:" + (FIRST + 3)
                + ":18: error: llm evaluator 'judge': no choice reaches the threshold 0.9, so it can never pass");
    }

    @Test
    void llm_prompt_that_never_shows_the_response_is_a_warning() {
        CompiledPrompt cp = compile("""
                  - name: judge
                    llm:
                      prompt: "Is the answer correct?"
                      choices:
                        - {choice: "yes", score: 1}
                        - {choice: "no", score: 0}
                """);
        assertThat(cp.isRunnable()).isTrue();
        assertThat(cp.warnings()).extracting(Problem::format).containsExactly("prompts/judged.prompt.yml:" + (FIRST + 2)
                + ":15: warning: llm evaluator 'judge': the prompt never shows the judge the response. Put {{completion}} where the"
                + " response to grade belongs");
    }

    /** gh-models reads only modelId and ignores the rest: files in the wild write model and modelParameters beside it. */
    @Test
    void llm_with_model_and_model_parameters_beside_model_id_loads() {
        CompiledPrompt cp = compile("""
                  - name: judge
                    llm:
                      modelId: openai/gpt-4o
                      model: openai/gpt-4o
                      modelParameters:
                        temperature: 0
                        max_tokens: 200
                      prompt: "Is this the right expansion of CQRS? {{completion}}"
                      choices:
                        - {choice: "yes", score: 1}
                        - {choice: "no", score: 0}
                """);
        assertThat(cp.problems()).isEmpty();
        assertThat(cp.isRunnable()).isTrue();
    }

    @Test
    void llm_model_naming_another_judge_than_model_id_is_a_warning_naming_the_one_used() {
        CompiledPrompt cp = compile("""
                  - name: judge
                    llm:
                      modelId: openai/gpt-4o
                      model: openai/gpt-4.1
                      prompt: "Is this the right expansion of CQRS? {{completion}}"
                      choices:
                        - {choice: "yes", score: 1}
                """);
        assertThat(cp.isRunnable()).isTrue();
        assertThat(cp.warnings()).extracting(Problem::format).containsExactly("prompts/judged.prompt.yml:" + (FIRST + 3) + ":14:"
                + " warning: llm evaluator 'judge': 'model' (openai/gpt-4.1) and 'modelId' (openai/gpt-4o) name different judges;"
                + " the judge is modelId's, as in gh models. Remove 'model:', or make it the same as modelId");
    }

    @Test
    void llm_model_parameters_are_checked_as_the_files_are() {
        assertThat(errors("""
                  - name: judge
                    llm:
                      modelParameters:
                        temprature: 0
                        top_p: 1.5
                      prompt: "Is this the right expansion of CQRS? {{completion}}"
                      choices:
                        - {choice: "yes", score: 1}
                """)).containsExactly(
                "prompts/judged.prompt.yml:" + (FIRST + 3) + ":9: error: unknown key 'temprature' in modelParameters of llm evaluator"
                        + " 'judge' — did you mean 'temperature'? PromptSpec sends only temperature, maxTokens, maxCompletionTokens,"
                        + " topP, stop, seed, frequencyPenalty and presencePenalty (or their snake_case spellings); gh models ignores"
                        + " other keys too",
                "prompts/judged.prompt.yml:" + (FIRST + 4) + ":16: error: 'top_p' is 1.5, outside 0 to 1. Use a value from 0 to 1"
                        + " (providers reject others)");
        assertThat(errors("""
                  - name: judge
                    llm:
                      modelParameters: 0.2
                      prompt: "Is this the right expansion of CQRS? {{completion}}"
                      choices:
                        - {choice: "yes", score: 1}
                """)).containsExactly("prompts/judged.prompt.yml:" + (FIRST + 2) + ":24: error: 'modelParameters' in llm evaluator"
                + " 'judge' must be a mapping of parameters (temperature: 0, maxTokens: 300...), not a number. Indent the parameters"
                + " under modelParameters:");
    }

    @Test
    void similar_without_its_module_says_which_dependency_to_add() {
        assertThat(errors("""
                  - name: close to the reference
                    similar:
                      to: "{{expected}}"
                """)).containsExactly("prompts/judged.prompt.yml:" + (FIRST + 1) + ":5: error: evaluator kind 'similar' needs the"
                + " promptspec-similarity module, which is not on the class path. Add the test dependency"
                + " <groupId>dev.promptspec</groupId><artifactId>promptspec-similarity</artifactId> (its version comes from the promptspec-bom)");
    }
}
