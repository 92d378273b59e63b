package dev.promptspec.run;

import static dev.promptspec.testing.EvaluatorHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.report.CaseMessages;
import dev.promptspec.testing.EvaluatorHarness;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Per-evaluator weights and the file's threshold, through a real run (the model is a fixed answer). */
class ThresholdTest {

    private static final String ANSWER = resource("responses/cqrs-prose-risks.md");

    private static final String HEADER = EvaluatorHarness.HEADER.replace("expected: \"the answer\"", "topic: booking");

    /** Three of the five checks hold on the answer: a weighted score of 6/10 = 0.6. */
    private static final String EVALUATORS = """
            evaluators:
              - {name: Mentions CQRS, weight: 3, string: {contains: CQRS}}
              - {name: Names sagas, weight: 2, string: {contains: saga}}
              - {name: Decisions in bold, weight: 2, markdown: {minBold: 5}}
              - {name: Risks as bullets, weight: 2, markdown: {section: Risks, minBullets: 3}}
              - {name: Has an overview, markdown: {heading: Overview}}
            """;

    private static CaseResult run(String fileText) {
        RunConfig config = RunConfig.defaults().withMode(RecordingMode.LIVE).withCustomClient((request, context) ->
                new ModelResponse(ANSWER, TokenUsage.UNKNOWN, Duration.ofMillis(5), "stop", "gpt-4o", 1, ModelResponse.Origin.LIVE));
        try (PromptRun run = new PromptRun(config, EvaluatorRegistry.load(ThresholdTest.class.getClassLoader()), Clock.systemUTC(),
                () -> false)) {
            CompiledPrompt prompt = run.compile(new PromptSource(EvaluatorHarness.FILE, URI.create("memory:/x"), Optional.empty(), fileText));
            assertThat(prompt.errors()).isEmpty();
            return run.run(prompt, prompt.fileOrThrow().testData().get(0));
        }
    }

    @Test
    void without_a_threshold_every_check_must_pass() {
        CaseResult r = run(HEADER + EVALUATORS);
        assertThat(r.score()).isEqualTo(0.6);
        assertThat(r.passed()).isFalse();
        assertThat(CaseMessages.failure(r, "'#1'")).startsWith("""
                2 of 5 checks failed for '#1' (prompts/test.prompt.yml:7:5)
                  [FAIL] Decisions in bold (markdown): the response has 3 bold spans; expected at least 5
                  [FAIL] Risks as bullets (markdown): section 'Risks' has no bullets; expected at least 3
                  [pass] Mentions CQRS (string): contains "CQRS"
                """);
    }

    @Test
    void a_threshold_passes_a_case_whose_weighted_score_reaches_it() {
        CaseResult r = run("threshold: 0.6\n" + HEADER + EVALUATORS);
        assertThat(r.failedChecks()).hasSize(2);
        assertThat(r.passed()).isTrue();
    }

    @Test
    void below_the_threshold_the_message_gives_the_score_and_every_weighted_check() {
        CaseResult r = run("threshold: 0.8\n" + HEADER + EVALUATORS);
        assertThat(r.passed()).isFalse();
        assertThat(CaseMessages.failure(r, "'#1'")).startsWith("""
                weighted score 0.60 is below the threshold 0.80: 2 of 5 checks failed for '#1' (prompts/test.prompt.yml:8:5)
                  [FAIL] Decisions in bold (markdown, weight 2): the response has 3 bold spans; expected at least 5
                  [FAIL] Risks as bullets (markdown, weight 2): section 'Risks' has no bullets; expected at least 3
                  [pass] Mentions CQRS (string, weight 3): contains "CQRS"
                  [pass] Names sagas (string, weight 2): contains "saga"
                  [pass] Has an overview (markdown): has heading ## Overview (line 3)
                Response (gpt-4o, live, 3089 chars; first lines):
                """);
    }

    @Test
    void a_threshold_outside_0_to_1_is_a_load_error() {
        assertThat(EvaluatorHarness.compile("threshold: 80\n" + EvaluatorHarness.HEADER).errors()).isEqualTo(
                "prompts/test.prompt.yml:1:12: error: 'threshold' is 80, outside 0 to 1."
                        + " Write the share of the weighted checks a case needs, e.g. threshold: 0.8 for 80%");
    }
}
