package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.config.Keys;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.testing.FakeOpenAiServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Judge calls through the engine: the key they carry (the prompts' key never leaves the prompts' server), and a judge
 * call that gets no answer reaching Surefire as the case's error (or a skip), never as a failed or passed check.
 */
class JudgeCallsEngineTest {

    @PromptSpec("prompts/judge-failures/returns.prompt.yml")
    static class Returns {
    }

    private static final String ANSWER = "Yes: unworn items can be returned within 30 days of purchase, so your boots qualify."
            + " Start the return from your order page and we will email you a prepaid label.";

    private static FakeOpenAiServer.Reply answerOr(FakeOpenAiServer.Received r, FakeOpenAiServer.Reply judge) {
        return r.lastMessage("user").startsWith("Does this reply mention a restocking fee")
                ? judge
                : new FakeOpenAiServer.Completion(ANSWER, "gpt-4o-mini-2024-07-18", 610, 40, "stop", Duration.ZERO);
    }

    private static Throwable thrown(EngineExecutionResults results) {
        return results.testEvents().finished().stream().findFirst().orElseThrow().getRequiredPayload(TestExecutionResult.class)
                .getThrowable().orElseThrow();
    }

    @Test
    void a_judge_answering_http_500_makes_the_case_an_error_not_a_pass_by_threshold() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> answerOr(r, new FakeOpenAiServer.Status(500,
                "{\"error\": {\"message\": \"The server had an error while processing your request.\"}}")))) {
            EngineExecutionResults results = EngineKit.live(server).configurationParameter(Keys.RETRIES, "0")
                    .selectors(selectClass(Returns.class)).execute();

            results.testEvents().assertStatistics(s -> s.started(1).succeeded(0).failed(1).aborted(0));
            assertThat(thrown(results)).isInstanceOf(ModelCallException.class).isNotInstanceOf(AssertionFailedError.class)
                    .hasMessageStartingWith("evaluator 'no invented fees' (llm) got no answer from its judge: ")
                    .hasMessageContaining("answered HTTP 500");
        }
    }

    @Test
    void a_budget_spent_before_the_judge_call_skips_the_case() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> answerOr(r,
                new FakeOpenAiServer.Completion("The reply mentions no fee.\nAnswer: no")))) {
            EngineExecutionResults results = EngineKit.live(server).configurationParameter(Keys.BUDGET_MAX_TOKENS, "500")
                    .selectors(selectClass(Returns.class)).execute();

            results.testEvents().assertStatistics(s -> s.started(1).succeeded(0).failed(0).aborted(1));
            assertThat(thrown(results)).isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("no invented fees").hasMessageContaining("the run's budget is spent");
            assertThat(server.requests()).as("the judge was never called").hasSize(1);
        }
    }

    @Test
    void a_judge_on_another_host_without_a_key_of_its_own_is_never_sent_the_prompts_key() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> answerOr(r,
                new FakeOpenAiServer.Completion("The reply mentions no fee.\nAnswer: no")))) {
            EngineExecutionResults results = EngineKit.live(server)
                    .configurationParameter(Keys.JUDGE_BASE_URL, "https://judge.internal.example/v1")
                    .selectors(selectClass(Returns.class)).execute();

            results.testEvents().assertStatistics(s -> s.started(1).failed(1));
            assertThat(thrown(results)).isInstanceOfSatisfying(ModelCallException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.MISSING_CREDENTIALS))
                    .hasMessageContaining("evaluator 'no invented fees'")
                    .hasMessageContaining("no API key for https://judge.internal.example/v1: set the configuration parameter"
                            + " promptspec.judge.api-key");
            assertThat(server.requests()).as("only the prompt's call, with the prompts' key").singleElement()
                    .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + EngineKit.KEY));
        }
    }

    @Test
    void a_local_judge_on_another_port_is_called_without_the_prompts_key() throws Exception {
        FakeOpenAiServer.Completion verdict = new FakeOpenAiServer.Completion(
                "The reply explains the 30-day window and the prepaid label; it mentions no fee.\nAnswer: no");
        try (FakeOpenAiServer prompts = FakeOpenAiServer.start(r -> answerOr(r, verdict));
                FakeOpenAiServer judge = FakeOpenAiServer.start(r -> answerOr(r, verdict))) {
            EngineExecutionResults results = EngineKit.live(prompts).configurationParameter(Keys.JUDGE_BASE_URL, judge.baseUrl())
                    .selectors(selectClass(Returns.class)).execute();

            results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(judge.requests()).singleElement()
                    .satisfies(r -> assertThat(r.header("Authorization")).doesNotContain(EngineKit.KEY));
            assertThat(prompts.requests()).singleElement()
                    .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + EngineKit.KEY));
        }
    }
}
