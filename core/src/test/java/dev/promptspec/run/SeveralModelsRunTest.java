package dev.promptspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Secret;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.Prompts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One case run on several models: each model's call, answer and judge call recorded apart and replayed offline; judges
 * keep their own model; recordings of a run on one model still replay.
 */
class SeveralModelsRunTest {

    private static final String KEY = "sk-test-M4qYw7LzRc2Hn8Vb5Tk3Jp1X";
    private static final String FILE = """
            name: Warranty answers
            model: gpt-4o
            models: [gpt-4o, gpt-4o-mini]
            messages:
              - role: system
                content: >-
                  You are Kestrel Audio's support assistant. Headphones carry a two-year warranty covering manufacturing
                  defects; repairs under warranty are free. Answer in at most two sentences.
              - role: user
                content: "{{question}}"
            testData:
              - name: broken hinge
                question: The hinge of my K2 headphones cracked after eight months of normal use. Is that covered?
            evaluators:
              - name: names the warranty
                string: {contains: "two-year warranty"}
              - name: no invented charges
                llm:
                  prompt: |
                    Does the support reply below ask the customer to pay anything (a fee, shipping, a deductible)?

                    Support reply:
                    {{completion}}
                  choices:
                    - {choice: "no", score: 1}
                    - {choice: "yes", score: 0}
            """;

    private static final String GPT_4O = "Yes: a hinge that cracks under normal use is a manufacturing defect, covered by the"
            + " two-year warranty, so the repair is free. Open a claim at kestrel.audio/warranty with your order number.";
    private static final String GPT_4O_MINI = "A cracked hinge is covered by our two-year warranty, though a $15 handling fee"
            + " applies to warranty repairs. Open a claim at kestrel.audio/warranty.";

    @TempDir
    Path recordings;

    /** Each model answers in its own way; the judge (recognised by its question) says whether a fee is mentioned. */
    private static FakeOpenAiServer.Reply answer(FakeOpenAiServer.Received r) {
        String user = r.lastMessage("user");
        if (user.startsWith("Does the support reply below ask the customer to pay")) {
            return new FakeOpenAiServer.Completion(user.contains("handling fee")
                    ? "The reply asks for a $15 handling fee on warranty repairs.\nAnswer: yes"
                    : "The reply says the repair is free and asks for no payment.\nAnswer: no");
        }
        return new FakeOpenAiServer.Completion(r.model().equals("gpt-4o-mini") ? GPT_4O_MINI : GPT_4O, r.model() + "-2024-08-06",
                42, 38, "stop", Duration.ZERO);
    }

    private RunConfig config(String baseUrl, String key, RecordingMode mode) {
        return RunConfig.defaults().withMode(mode).withRecordingsDir(recordings)
                .withEndpoint(new OpenAiEndpoint(URI.create(baseUrl), Secret.ofNullable(key), "test"));
    }

    /** Every model of the file's only case, by model. */
    private static Map<String, CaseResult> runEachModel(RunConfig config, String yaml) {
        try (PromptRun run = new PromptRun(config, Prompts.REGISTRY, Clock.systemUTC(), () -> false)) {
            CompiledPrompt prompt = run.compile(Prompts.source("prompts/warranty.prompt.yml", yaml));
            assertThat(prompt.errors()).isEmpty();
            TestCase tc = prompt.fileOrThrow().testData().get(0);
            Map<String, CaseResult> byModel = new LinkedHashMap<>();
            for (String model : ModelSelection.modelsOf(prompt.fileOrThrow(), config)) {
                byModel.put(model, run.submit(prompt, tc, model, null, () -> { }, SampleListener.NONE).join());
            }
            return byModel;
        }
    }

    @Test
    void each_model_records_its_own_answer_and_judge_call_and_replays_them_offline() throws Exception {
        List<FakeOpenAiServer.Received> requests;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SeveralModelsRunTest::answer)) {
            Map<String, CaseResult> recorded = runEachModel(config(server.baseUrl(), KEY, RecordingMode.RECORD), FILE);
            assertThat(recorded.get("gpt-4o").passed()).isTrue();
            assertThat(recorded.get("gpt-4o-mini").failedChecks()).extracting(CheckResult::name).containsExactly("no invented charges");
            requests = server.requests();
        }
        assertThat(requests).extracting(FakeOpenAiServer.Received::model)
                .as("each model answers once; both judge calls go to the file's model, not to the model under test")
                .containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini", "gpt-4o", "gpt-4o");

        String yaml = Files.readString(recordings.resolve("prompts/warranty.recordings.yml"));
        assertThat(yaml).containsSubsequence("- case: broken hinge\n  model: gpt-4o\n  call: judge:no invented charges",
                "- case: broken hinge\n  model: gpt-4o\n  call: prompt", "- case: broken hinge\n  model: gpt-4o-mini\n  call: judge:",
                "- case: broken hinge\n  model: gpt-4o-mini\n  call: prompt").doesNotContain(KEY);

        // No server, no key: every model replays its own answer and its own judge verdict.
        Map<String, CaseResult> replayed = runEachModel(config("http://127.0.0.1:9/v1", null, RecordingMode.REPLAY), FILE);
        assertThat(replayed.get("gpt-4o").response().text()).isEqualTo(GPT_4O);
        assertThat(replayed.get("gpt-4o-mini").response().text()).isEqualTo(GPT_4O_MINI);
        assertThat(replayed.values()).extracting(r -> r.response().origin()).containsOnly(ModelResponse.Origin.REPLAYED);
        assertThat(replayed.get("gpt-4o").passed()).isTrue();
        assertThat(replayed.get("gpt-4o-mini").failedChecks()).extracting(CheckResult::name).containsExactly("no invented charges");
    }

    /** Mutate mode checks a mutant as the case runs on its model: the request names it, the judge replays offline. */
    @Test
    void an_answer_checked_for_one_model_of_the_case_is_checked_as_that_model_s_case() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SeveralModelsRunTest::answer)) {
            runEachModel(config(server.baseUrl(), KEY, RecordingMode.RECORD), FILE);
        }
        RunConfig offline = config("http://127.0.0.1:9/v1", null, RecordingMode.MUTATE);
        try (PromptRun run = new PromptRun(offline, Prompts.REGISTRY, Clock.systemUTC(), () -> false)) {
            CompiledPrompt prompt = run.compile(Prompts.source("prompts/warranty.prompt.yml", FILE));
            TestCase tc = prompt.fileOrThrow().testData().get(0);
            ModelResponse mini = new ModelResponse(GPT_4O_MINI, TokenUsage.UNKNOWN, Duration.ZERO, "stop", "gpt-4o-mini", 1,
                    ModelResponse.Origin.REPLAYED);

            CaseResult checked = run.checkAnswer(prompt, tc, "gpt-4o-mini", null, mini, name -> true);

            assertThat(checked.request().model()).isEqualTo("gpt-4o-mini");
            assertThat(checked.error()).isNull();
            assertThat(checked.failedChecks()).extracting(CheckResult::name).containsExactly("no invented charges");
        }
    }

    @Test
    void recordings_of_a_run_on_one_model_replay_for_that_model_and_name_the_other_as_never_recorded() throws Exception {
        String oneModel = FILE.replace("models: [gpt-4o, gpt-4o-mini]\n", "");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SeveralModelsRunTest::answer)) {
            try (PromptRun run = new PromptRun(config(server.baseUrl(), KEY, RecordingMode.RECORD), Prompts.REGISTRY,
                    Clock.systemUTC(), () -> false)) {
                CompiledPrompt prompt = run.compile(Prompts.source("prompts/warranty.prompt.yml", oneModel));
                run.run(prompt, prompt.fileOrThrow().testData().get(0)); // a run on one model: no model in the recordings
            }
        }
        Path file = recordings.resolve("prompts/warranty.recordings.yml");
        String before = Files.readString(file);
        assertThat(before).contains("- case: broken hinge\n  call: prompt");

        Map<String, CaseResult> replayed = runEachModel(config("http://127.0.0.1:9/v1", null, RecordingMode.REPLAY), FILE);

        assertThat(replayed.get("gpt-4o").response().text()).isEqualTo(GPT_4O);
        assertThat(replayed.get("gpt-4o-mini").error()).isInstanceOfSatisfying(ModelCallException.class,
                e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.MISSING_RECORDING))
                .hasMessageStartingWith("prompts/warranty.prompt.yml [broken hinge] [gpt-4o-mini]: no recorded response");
        assertThat(Files.readString(file)).as("replay rewrites nothing").isEqualTo(before);
    }

    @Test
    void each_model_of_a_sampled_case_is_sampled_on_its_own() throws Exception {
        String sampled = FILE.replace("models: [gpt-4o, gpt-4o-mini]\n", "models: [gpt-4o, gpt-4o-mini]\nsamples: 3\npassRate: 0.6\n"
                + "confidence: 0.5\n");
        Map<String, CaseResult> results;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SeveralModelsRunTest::answer)) {
            results = runEachModel(config(server.baseUrl(), KEY, RecordingMode.RECORD), sampled);
        }
        assertThat(results.get("gpt-4o").sampling().rate().passed()).isTrue();
        assertThat(results.get("gpt-4o-mini").sampling().rate().passed()).isFalse();
        assertThat(results.values()).allSatisfy(r -> assertThat(r.sampling().samples())
                .allSatisfy(s -> assertThat(s.request().model()).isEqualTo(r.request().model())));
        String yaml = Files.readString(recordings.resolve("prompts/warranty.recordings.yml"));
        int drawn = results.get("gpt-4o").sampling().rate().drawn() + results.get("gpt-4o-mini").sampling().rate().drawn();
        assertThat(yaml.split("\n  call: prompt", -1)).as("one prompt recording per model and sample").hasSize(drawn + 1);
    }

    @Test
    void a_judge_naming_no_model_in_a_file_naming_none_but_its_models_is_an_error_saying_what_to_set() throws Exception {
        Map<String, CaseResult> results;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SeveralModelsRunTest::answer)) {
            results = runEachModel(config(server.baseUrl(), KEY, RecordingMode.LIVE), FILE.replace("model: gpt-4o\n", ""));
            assertThat(server.requests()).extracting(FakeOpenAiServer.Received::model).containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini");
        }
        assertThat(results.values()).allSatisfy(r -> assertThat(r.error()).isInstanceOfSatisfying(ModelCallException.class,
                e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.CONFIGURATION)).hasMessage("evaluator 'no invented charges'"
                + " (llm) got no answer from its judge: prompts/warranty.prompt.yml runs on several models and its judge names none:"
                + " judges do not follow the case's model, so set promptspec.judge.model, the judge's modelId, or the file's 'model:'"));
    }
}
