package dev.promptspec.eval.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Secret;
import dev.promptspec.run.CaseResult;
import dev.promptspec.testing.FakeOpenAiServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Judges over real HTTP, against the in-process OpenAI-compatible server. */
class JudgeEvaluatorsTest {

    @TempDir
    Path recordings;

    private static CheckResult check(CaseResult result, String name) {
        return result.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void built_in_and_llm_judges_grade_each_case_from_the_final_line_of_realistic_replies() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SupportReplyFixture::reply)) {
            List<CaseResult> results = SupportReplyFixture.runAll(SupportReplyFixture.config(server.baseUrl(), recordings, RecordingMode.LIVE));

            CaseResult shipped = results.get(0);
            assertThat(shipped.error()).isNull();
            assertThat(shipped.passed()).as(shipped.checks().toString()).isTrue();
            // gh-models would score this 0: "1" occurs in "18 November" and in the tracking number
            CheckResult relevance = check(shipped, "answers the question");
            assertThat(relevance.kind()).isEqualTo("github/relevance");
            assertThat(relevance.verdict().score()).isEqualTo(1.0);
            assertThat(relevance.verdict().detail()).startsWith("judge gpt-4o-mini-2024-07-18 rated 5 of 5 (score 1.00; passes with a score of at least 0.25): \"The customer asks where order 48213 is.");
            assertThat(check(shipped, "grounded in the order record").verdict().score()).isEqualTo(1.0);
            assertThat(check(shipped, "no refund promise").verdict().detail())
                    .startsWith("judge gpt-4o-2024-08-06 answered 'no' (score 1.00; passes with a score above 0): \"The reply reports");

            CaseResult delayed = results.get(1);
            assertThat(delayed.passed()).isFalse();
            assertThat(check(delayed, "answers the question").verdict()).satisfies(v -> {
                assertThat(v.passed()).isTrue();
                assertThat(v.score()).isEqualTo(0.75);
            });
            CheckResult grounded = check(delayed, "grounded in the order record");
            assertThat(grounded.passed()).isFalse();
            assertThat(grounded.verdict().score()).isEqualTo(0.5);
            assertThat(grounded.verdict().detail()).startsWith(
                    "judge gpt-4o-mini-2024-07-18 rated 3 of 5 (score 0.50; needs a score of at least 0.75): \"The shipping facts");
            CheckResult audit = check(delayed, "no refund promise");
            assertThat(audit.passed()).isFalse();
            assertThat(audit.verdict().detail()).isEqualTo("judge gpt-4o-2024-08-06 answered 'yes' (score 0.00; needs a score above 0):"
                    + " \"The second paragraph states \"I've issued a full refund of $249.00\", which grants a refund.\"");
            assertThat(results).allSatisfy(r -> assertThat(r.checks()).noneMatch(c -> c.error() != null));
        }
    }

    @Test
    void judges_see_the_response_and_the_inputs_gh_models_gives_them() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SupportReplyFixture::reply)) {
            SupportReplyFixture.runAll(SupportReplyFixture.config(server.baseUrl(), recordings, RecordingMode.LIVE));
            List<FakeOpenAiServer.Received> requests = server.requests();
            assertThat(requests).hasSize(8); // 2 prompts + 2 × 3 judges

            FakeOpenAiServer.Received grounded = requests.stream()
                    .filter(r -> r.lastMessage("user").contains("Quality to rate: GROUNDEDNESS") && r.lastMessage("user").contains("48213"))
                    .findFirst().orElseThrow();
            assertThat(grounded.model()).as("no judge model configured: the prompt's model").isEqualTo("gpt-4o-mini");
            String user = grounded.lastMessage("user");
            assertThat(user).contains("<context>\nOrder 48213: 2 items (Trailhead jacket x2), shipped 2025-11-18 via UPS")
                    .contains("<question>\nWhere is my order 48213? I ordered 2 jackets last week.\n</question>")
                    .contains("<answer>\n" + SupportReplyFixture.SHIPPED_ANSWER + "\n</answer>");
            assertThat(grounded.lastMessage("system")).endsWith("Score: N\nWrite nothing after that line.");

            FakeOpenAiServer.Received audit = requests.stream()
                    .filter(r -> "You audit customer-support replies for policy violations.".equals(r.lastMessage("system")))
                    .findFirst().orElseThrow();
            assertThat(audit.model()).isEqualTo("gpt-4o");
            assertThat(audit.lastMessage("user")).contains("Reply:\n" + SupportReplyFixture.SHIPPED_ANSWER)
                    .endsWith("\n\nEnd your reply with one final line of the form \"Answer: <choice>\", where <choice> is exactly one of: no, yes.");
        }
    }

    /**
     * A shape of public files that gh-models runs (it reads modelId only): model and modelParameters beside modelId. The
     * judge's own parameters go on its call, and so into its recording: a judge that samples differently is another call.
     */
    @Test
    void an_llm_judge_sends_and_records_its_model_parameters() throws Exception {
        String yaml = SupportReplyFixture.YAML.replace("      modelId: gpt-4o\n", """
                      modelId: gpt-4o
                      model: gpt-4o
                      modelParameters:
                        temperature: 0
                        maxTokens: 300
                """);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SupportReplyFixture::reply)) {
            List<CaseResult> results = SupportReplyFixture.runAll(SupportReplyFixture.config(server.baseUrl(), recordings,
                    RecordingMode.RECORD), yaml);

            assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
            assertThat(server.requests()).filteredOn(r -> r.lastMessage("system").startsWith("You audit")).hasSize(2).allSatisfy(r -> {
                assertThat(r.model()).isEqualTo("gpt-4o");
                assertThat(r.body().path("temperature").asDouble(-1)).isZero();
                assertThat(r.body().path("max_tokens").asInt()).isEqualTo(300);
            });
            assertThat(server.requests()).filteredOn(r -> !r.lastMessage("system").startsWith("You audit")).hasSize(6)
                    .allSatisfy(r -> assertThat(r.body().has("temperature")).as("other calls keep the provider's defaults").isFalse());
        }
        String recorded = Files.readString(recordings.resolve("prompts/order-status.recordings.yml"));
        assertThat(recorded).contains("call: judge:no refund promise").contains("parameters:\n      temperature: 0.0\n      max_tokens: 300");

        List<CaseResult> replayed = SupportReplyFixture.runAll(SupportReplyFixture.config("http://127.0.0.1:9/v1", recordings,
                RecordingMode.REPLAY), yaml);
        assertThat(replayed).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(check(replayed.get(1), "no refund promise").passed()).isFalse();
    }

    @Test
    void an_llm_judge_that_names_its_model_with_model_alone_is_that_model() throws Exception {
        String yaml = SupportReplyFixture.YAML.replace("      modelId: gpt-4o\n", "      model: gpt-4.1\n");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SupportReplyFixture::reply)) {
            SupportReplyFixture.runAll(SupportReplyFixture.config(server.baseUrl(), recordings, RecordingMode.LIVE), yaml);

            assertThat(server.requests()).filteredOn(r -> r.lastMessage("system").startsWith("You audit"))
                    .extracting(FakeOpenAiServer.Received::model).containsExactly("gpt-4.1", "gpt-4.1");
        }
    }

    @Test
    void the_judge_model_setting_applies_to_judges_that_name_none() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SupportReplyFixture::reply)) {
            RunConfig config = SupportReplyFixture.config(server.baseUrl(), recordings, RecordingMode.LIVE).withJudgeModel("gpt-4.1");
            SupportReplyFixture.runAll(config);
            assertThat(server.requests()).extracting(FakeOpenAiServer.Received::model)
                    .containsExactlyInAnyOrder("gpt-4o-mini", "gpt-4o-mini", "gpt-4.1", "gpt-4.1", "gpt-4.1", "gpt-4.1", "gpt-4o", "gpt-4o");
        }
    }

    @Test
    void an_unreadable_judge_reply_fails_the_check_and_shows_the_reply() throws Exception {
        String rambling = "The answer is relevant: it names the carrier, the 18 November ship date and all 2 items. "
                + "I would put it somewhere between good and excellent.";
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> r.lastMessage("user").contains("Quality to rate: RELEVANCE")
                ? new FakeOpenAiServer.Completion(rambling) : SupportReplyFixture.reply(r))) {
            CaseResult shipped = SupportReplyFixture.runAll(SupportReplyFixture.config(server.baseUrl(), recordings, RecordingMode.LIVE)).get(0);
            CheckResult relevance = check(shipped, "answers the question");
            assertThat(relevance.passed()).isFalse();
            assertThat(relevance.verdict().score()).isZero();
            assertThat(relevance.verdict().detail()).isEqualTo("judge gpt-4o-mini-2024-07-18 gave no readable final answer (expected a last"
                    + " line such as 'Score: 5' with one of 1, 2, 3, 4, 5); its reply: \"" + rambling + "\"");
            assertThat(check(shipped, "grounded in the order record").passed()).isTrue();
        }
    }

    @Test
    void a_long_unreadable_reply_is_shortened_keeping_its_end() throws Exception {
        String longReply = "Let's think step by step. " + "The answer restates the order record accurately. ".repeat(30)
                + "Overall I'd call it excellent.";
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> r.lastMessage("user").contains("Quality to rate: RELEVANCE")
                ? new FakeOpenAiServer.Completion(longReply) : SupportReplyFixture.reply(r))) {
            CheckResult relevance = check(SupportReplyFixture.runAll(
                    SupportReplyFixture.config(server.baseUrl(), recordings, RecordingMode.LIVE)).get(0), "answers the question");
            assertThat(relevance.verdict().detail()).contains("its reply: \"Let's think step by step.")
                    .contains(" … ").endsWith("Overall I'd call it excellent.\"").hasSizeLessThan(700);
        }
    }

    @Test
    void judge_calls_are_recorded_with_the_prompt_calls_and_replayed_offline() throws Exception {
        List<CaseResult> live;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SupportReplyFixture::reply)) {
            live = SupportReplyFixture.runAll(SupportReplyFixture.config(server.baseUrl(), recordings, RecordingMode.RECORD));
        }
        Path file = recordings.resolve("prompts/order-status.recordings.yml");
        String yaml = Files.readString(file);
        assertThat(yaml).contains("call: judge:answers the question", "call: judge:grounded in the order record",
                "call: judge:no refund promise").doesNotContain("sk-test");

        // the server is gone: only the recordings can answer
        List<CaseResult> replayed = SupportReplyFixture.runAll(SupportReplyFixture.config("http://127.0.0.1:9/v1", recordings, RecordingMode.REPLAY));
        assertThat(replayed).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(replayed.get(i).error()).isNull();
            assertThat(replayed.get(i).response().origin()).isEqualTo(ModelResponse.Origin.REPLAYED);
            assertThat(replayed.get(i).checks()).extracting(CheckResult::verdict).isEqualTo(live.get(i).checks().stream().map(CheckResult::verdict).toList());
        }
    }

    @Test
    void a_changed_judge_prompt_is_not_replayed_from_a_stale_recording() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SupportReplyFixture::reply)) {
            SupportReplyFixture.runAll(SupportReplyFixture.config(server.baseUrl(), recordings, RecordingMode.RECORD));
        }
        RunConfig otherJudge = SupportReplyFixture.config("http://127.0.0.1:9/v1", recordings, RecordingMode.REPLAY).withJudgeModel("gpt-4.1");
        CaseResult shipped = SupportReplyFixture.runAll(otherJudge).get(0);
        assertThat(shipped.response().origin()).as("the prompt call itself still replays").isEqualTo(ModelResponse.Origin.REPLAYED);
        // not a verdict on the response: the case is an error, as when the prompt's own recording is stale
        assertThat(shipped.error()).isInstanceOfSatisfying(ModelCallException.class,
                e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.PROMPT_CHANGED));
        assertThat(shipped.error().getMessage())
                .startsWith("evaluator 'answers the question' (github/relevance) got no answer from its judge: ")
                .contains("judge:answers the question: prompt changed since it was recorded")
                .contains("the model is now 'gpt-4.1', was 'gpt-4o-mini'");
        assertThat(shipped.checks()).as("no check is made up for the judge that was not asked").isEmpty();
    }

    @Test
    void a_judge_endpoint_of_its_own_gets_the_judge_calls_and_the_judge_key() throws Exception {
        try (FakeOpenAiServer prompts = FakeOpenAiServer.start(SupportReplyFixture::reply);
                FakeOpenAiServer judges = FakeOpenAiServer.start(SupportReplyFixture::reply)) {
            RunConfig config = SupportReplyFixture.config(prompts.baseUrl(), recordings, RecordingMode.LIVE)
                    .withJudgeEndpoint(new OpenAiEndpoint(URI.create(judges.baseUrl()),
                            Secret.ofNullable("sk-test-judge-9876543210"), "test"));
            List<CaseResult> results = SupportReplyFixture.runAll(config);
            assertThat(results.get(0).passed()).isTrue();
            assertThat(prompts.requests()).hasSize(2).allSatisfy(r -> {
                assertThat(r.lastMessage("user")).contains("Customer question:");
                assertThat(r.header("Authorization")).isEqualTo("Bearer sk-test-prompts-0123456789");
            });
            assertThat(judges.requests()).hasSize(6).allSatisfy(r -> {
                assertThat(r.lastMessage("user")).doesNotContain("Customer question:");
                assertThat(r.header("Authorization")).isEqualTo("Bearer sk-test-judge-9876543210");
            });
        }
    }

    @Test
    void a_judge_endpoint_without_a_key_says_how_to_set_one_and_the_prompt_still_runs() throws Exception {
        try (FakeOpenAiServer prompts = FakeOpenAiServer.start(SupportReplyFixture::reply)) {
            RunConfig config = SupportReplyFixture.config(prompts.baseUrl(), recordings, RecordingMode.AUTO)
                    .withJudgeEndpoint(new OpenAiEndpoint(URI.create("https://judge.example.invalid/v1"), null, null));
            CaseResult shipped = SupportReplyFixture.runAll(config).get(0);
            assertThat(shipped.response().text()).isEqualTo(SupportReplyFixture.SHIPPED_ANSWER);
            assertThat(shipped.error()).isInstanceOfSatisfying(ModelCallException.class,
                    e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.MISSING_CREDENTIALS));
            assertThat(shipped.error().getMessage()).contains("evaluator 'answers the question'", "no recorded response",
                    "no API key for https://judge.example.invalid/v1: set the configuration parameter promptspec.judge.api-key");
            assertThat(prompts.requests()).hasSize(2);
        }
    }

    @Test
    void a_missing_judge_input_fails_the_check_with_how_to_provide_it() throws Exception {
        String yaml = SupportReplyFixture.YAML.replace("input:", "question:").replace("{{input}}", "{{question}}");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SupportReplyFixture::reply)) {
            RunConfig config = SupportReplyFixture.config(server.baseUrl(), recordings, RecordingMode.LIVE);
            try (var run = new dev.promptspec.run.PromptRun(config, dev.promptspec.eval.EvaluatorRegistry.load(getClass().getClassLoader()),
                    java.time.Clock.systemUTC(), () -> false)) {
                var prompt = run.compile(new dev.promptspec.promptfile.PromptSource("p.prompt.yml", URI.create("classpath:p.prompt.yml"),
                        java.util.Optional.empty(), yaml));
                CaseResult r = run.run(prompt, prompt.fileOrThrow().testData().get(0));
                assertThat(check(r, "answers the question").verdict().detail()).startsWith("cannot ask the judge: variable 'input' is used at")
                        .endsWith("but not provided; add the variable to the testData entry, or map it on the evaluator (question: \"{{...}}\")");
            }
        }
    }
}
