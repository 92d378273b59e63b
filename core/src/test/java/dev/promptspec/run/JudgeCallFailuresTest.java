package dev.promptspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.Budget;
import dev.promptspec.config.CallPolicy;
import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.PriceTable;
import dev.promptspec.config.RateLimit;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RetryPolicy;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.Secret;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.testing.FakeOpenAiServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A judge call that gets no answer is the case's error, never a verdict: not even a threshold that the other
 * checks reach can pass the case. Only a reply that came back unreadable fails the check (JudgeEvaluatorsTest).
 */
class JudgeCallFailuresTest {

    /** A return-policy prompt whose one case is graded by a string check and a judge ({@code llm:}). */
    static final String FILE = """
            name: Return policy answers
            model: gpt-4o-mini
            threshold: 0.5
            messages:
              - role: system
                content: You answer questions about Northwind Outfitters' 30-day return policy in two sentences at most.
              - role: user
                content: "{{question}}"
            testData:
              - name: unworn boots
                question: I bought hiking boots 12 days ago and never wore them. Can I still return them?
            evaluators:
              - name: names the window
                string: {contains: "30 days"}
              - name: no invented fees
                llm:
                  prompt: |
                    Does this reply mention a restocking fee or any other charge for returning an item?

                    Reply:
                    {{completion}}
                  choices:
                    - {choice: "no", score: 1}
                    - {choice: "yes", score: 0}
            """;

    private static final String ANSWER = "Yes: unworn items can be returned within 30 days of purchase, so your boots qualify."
            + " Start the return from your order page and we will email you a prepaid label.";

    @TempDir
    Path recordings;

    /** The prompt's call is answered (650 tokens); the judge's call, recognised by its question, gets {@code judge}. */
    private static FakeOpenAiServer.Reply answerOr(FakeOpenAiServer.Received r, FakeOpenAiServer.Reply judge) {
        return r.lastMessage("user").startsWith("Does this reply mention a restocking fee")
                ? judge
                : new FakeOpenAiServer.Completion(ANSWER, "gpt-4o-mini-2024-07-18", 610, 40, "stop", Duration.ZERO);
    }

    private CaseResult run(FakeOpenAiServer server, Budget budget) {
        RunConfig config = RunConfig.defaults().withMode(RecordingMode.AUTO).withRecordingsDir(recordings)
                .withEndpoint(new OpenAiEndpoint(URI.create(server.baseUrl()), Secret.ofNullable("sk-test-prompts-0123456789"), "test"))
                .withCalls(new CallPolicy(RetryPolicy.NONE, RateLimit.NONE, budget, PriceTable.defaults()));
        try (PromptRun run = new PromptRun(config, EvaluatorRegistry.load(getClass().getClassLoader()), Clock.systemUTC(), () -> false)) {
            CompiledPrompt prompt = run.compile(new PromptSource("prompts/returns.prompt.yml", URI.create("memory:/returns"),
                    Optional.empty(), FILE));
            assertThat(prompt.errors()).isEmpty();
            return run.run(prompt, prompt.fileOrThrow().testData().get(0));
        }
    }

    @Test
    void a_judge_server_error_is_the_case_s_error_even_when_the_other_checks_reach_the_threshold() throws Exception {
        FakeOpenAiServer.Status serverError = new FakeOpenAiServer.Status(500,
                "{\"error\": {\"message\": \"The server had an error while processing your request.\", \"type\": \"server_error\"}}");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> answerOr(r, serverError))) {
            CaseResult result = run(server, Budget.NONE);

            assertThat(result.passed()).as("the string check alone scores 0.5, the threshold: still not a pass").isFalse();
            assertThat(result.error()).isInstanceOfSatisfying(ModelCallException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.attempts()).isEqualTo(1);
            });
            assertThat(result.error().getMessage()).startsWith("evaluator 'no invented fees' (llm) got no answer from its judge: "
                    + server.baseUrl() + " answered HTTP 500: The server had an error while processing your request.");
            assertThat(result.response().text()).as("the prompt's answer is kept for the report").isEqualTo(ANSWER);
            assertThat(result.checks()).extracting(CheckResult::name).containsExactly("names the window");
            assertThat(recordings.resolve("prompts/returns.recordings.yml")).content().contains("call: prompt")
                    .doesNotContain("judge:");
        }
    }

    @Test
    void a_budget_spent_before_the_judge_call_stops_the_case_like_a_budget_stop_of_the_prompt() throws Exception {
        FakeOpenAiServer.Completion verdict = new FakeOpenAiServer.Completion("The reply mentions no fee.\nAnswer: no");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> answerOr(r, verdict))) {
            CaseResult result = run(server, new Budget(500, 0));

            assertThat(result.error()).isInstanceOfSatisfying(ModelCallException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.BUDGET_EXCEEDED);
                assertThat(e.attempts()).as("no judge call was made").isZero();
            });
            assertThat(result.error().getMessage()).isEqualTo("evaluator 'no invented fees' (llm) got no answer from its judge: "
                    + "the run's budget is spent (650 tokens used, promptspec.budget.max-tokens=500): no further model calls are"
                    + " made, so this case was skipped. Raise the budget or run from recordings");
            assertThat(result.passed()).isFalse();
            assertThat(server.requests()).as("the judge was never called").hasSize(1);
        }
    }

    @Test
    void an_answered_judge_still_grades_the_case() throws Exception {
        FakeOpenAiServer.Completion verdict = new FakeOpenAiServer.Completion(
                "The reply explains the 30-day window and the prepaid label; it mentions no restocking fee or other charge.\nAnswer: no");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> answerOr(r, verdict))) {
            CaseResult result = run(server, Budget.NONE);

            assertThat(result.error()).isNull();
            assertThat(result.passed()).isTrue();
            assertThat(result.checks()).extracting(CheckResult::name).containsExactly("names the window", "no invented fees");
        }
    }
}
