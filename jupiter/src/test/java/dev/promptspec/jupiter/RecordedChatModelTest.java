package dev.promptspec.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.promptspec.assertj.PromptAssertions;
import dev.promptspec.testing.FakeOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * A langchain4j {@code ChatModel} parameter, and a model a test wraps, behind PromptSpec's recordings: recorded once
 * from a model over HTTP, replayed with that model gone; the engine's messages when a recording is missing or the prompt
 * changed; every kind of Jupiter test, run in parallel, keeps its own entries.
 */
class RecordedChatModelTest {

    @TempDir
    Path recordings;

    /** What an application's AI service looks like: the prompt is built by the code (and langchain4j), not a file. */
    interface SupportBot {
        @SystemMessage("""
                You are the support assistant of Northwind Outfitters.
                Answer in Markdown. End with a "Next steps" section of bullet points, each starting with the action in bold.""")
        String reply(String ticket);
    }

    /** The ticket the fixtures send: a test changes it to change the prompt. */
    static volatile String ticket = "My order 48213 arrived 9 days late and the jacket is the wrong size. Can I get a refund?";

    @ExtendWith(PromptSpecExtension.class)
    static class SupportBotTest {
        @Test
        void answers_with_next_steps(ChatModel model) {
            SupportBot bot = AiServices.create(SupportBot.class, model);
            PromptAssertions.assertThat(bot.reply(ticket)).matches("48213").hasSection("Next steps").withBulletsAtLeast(3)
                    .withEveryBulletStartingWithBold();
        }
    }

    private Map<String, String> config(String mode, String baseUrl) {
        return Launcher.config(mode, baseUrl, recordings);
    }

    private Path recordingsOf(Class<?> testClass) {
        return recordings.resolve("jupiter/" + testClass.getName() + ".recordings.yml");
    }

    @Test
    void records_a_call_of_an_ai_service_then_replays_it_with_the_model_gone() throws Exception {
        String baseUrl;
        try (FakeOpenAiServer model = FakeOpenAiServer.start(RefundAnswers::answer)) {
            baseUrl = model.baseUrl();
            Launcher.run(SupportBotTest.class, config("record", baseUrl)).testEvents()
                    .assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(model.requests()).singleElement().satisfies(r -> {
                assertThat(r.model()).isEqualTo("gpt-4o-mini");
                assertThat(r.lastMessage("system")).startsWith("You are the support assistant of Northwind Outfitters.");
                assertThat(r.lastMessage("user")).isEqualTo(ticket);
            });
        }
        Map<String, Object> entry = onlyEntry(recordingsOf(SupportBotTest.class));
        assertThat(entry).containsEntry("case", "answers_with_next_steps").containsEntry("call", "call 1");
        assertThat(entry.get("request").toString()).contains("model=gpt-4o-mini", "role=user, content=" + ticket);
        assertThat(entry.get("response").toString()).contains("usage={input=100, output=", "finishReason=stop",
                "model=gpt-4o-mini-2024-07-18");
        assertThat(((Map<?, ?>) entry.get("response")).get("text")).isEqualTo(RefundAnswers.LATE_PARCEL);

        // The server is stopped: only the recording can answer.
        Launcher.run(SupportBotTest.class, config("replay", baseUrl)).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void a_missing_recording_fails_naming_the_test_the_call_and_the_file() {
        Throwable failure = Launcher.onlyFailure(Launcher.run(SupportBotTest.class, config("replay", "http://127.0.0.1:9/v1")));

        assertThat(failure).isInstanceOf(ModelCallFailedException.class).hasMessage("jupiter/" + SupportBotTest.class.getName()
                + " [answers_with_next_steps] call 1: no recorded response (looked in " + recordingsOf(SupportBotTest.class)
                + ")\nTo record it, run with an API key and -Dpromptspec.mode=record (or in the default mode, auto).");
        assertThat(((ModelCallFailedException) failure).kind()).hasToString("MISSING_RECORDING");
    }

    @Test
    void a_prompt_changed_since_it_was_recorded_says_where() throws Exception {
        String recorded = ticket;
        try (FakeOpenAiServer model = FakeOpenAiServer.start(RefundAnswers::answer)) {
            Launcher.run(SupportBotTest.class, config("record", model.baseUrl())).testEvents().assertStatistics(s -> s.succeeded(1));
            ticket = "My order 48213 arrived 9 days late and the jacket is too small. Can I get a refund?";
            try {
                Throwable failure = Launcher.onlyFailure(Launcher.run(SupportBotTest.class, config("replay", model.baseUrl())));

                assertThat(failure).isInstanceOf(ModelCallFailedException.class).hasMessageStartingWith("jupiter/"
                        + SupportBotTest.class.getName() + " [answers_with_next_steps] call 1: prompt changed since it was recorded (")
                        .hasMessageEndingWith(" in " + recordingsOf(SupportBotTest.class) + "): message 2 (user) differs at its line"
                                + " 1: now \"… days late and the jacket is too small. Can I get a refund?\", was \"… days late and the"
                                + " jacket is the wrong size. Can I get a refund?\" (first difference at column 55)\nTo record it, run"
                                + " with an API key and -Dpromptspec.mode=record (or in the default mode, auto).");
                assertThat(model.requests()).as("replay never calls").hasSize(1);
            } finally {
                ticket = recorded;
            }
        }
    }

    @ExtendWith(PromptSpecExtension.class)
    static class ManyKindsOfTests {
        private final ChatModel constructed;

        ManyKindsOfTests(ChatModel constructed) {
            this.constructed = constructed;
        }

        @ParameterizedTest
        @ValueSource(strings = {"48213", "51877"})
        void each_order(String order, ChatModel model) {
            assertThat(model.chat("Order " + order + ": where is my refund?")).contains(order);
        }

        @RepeatedTest(2)
        void repeated(ChatModel model) {
            assertThat(model.chat("Order 48213: the jacket is the wrong size.")).contains("48213");
        }

        @Test
        void two_calls_in_one_test(ChatModel model) {
            assertThat(model.chat("Order 48213: can I exchange it?")).contains("48213");
            assertThat(model.chat("Order 51877: the sole is torn.")).contains("51877");
        }

        @Test
        void through_the_constructor() {
            assertThat(constructed.chat("Order 51877: I want my money back.")).contains("51877");
        }

        @TestFactory
        Stream<DynamicTest> tracks(ChatModel model) {
            return Stream.of("48213", "51877").map(order -> DynamicTest.dynamicTest("order " + order,
                    () -> assertThat(model.chat("Track order " + order + ", please.")).contains(order)));
        }

        @Nested
        class Escalations {
            @Test
            void escalates(ChatModel model) {
                assertThat(model.chat("Order 51877: this is the third pair that breaks.")).contains("51877");
            }
        }
    }

    @Test
    void parameterized_repeated_dynamic_nested_and_constructor_tests_in_parallel_each_keep_their_calls() throws Exception {
        String baseUrl;
        try (FakeOpenAiServer model = FakeOpenAiServer.start(RefundAnswers::answer)) {
            baseUrl = model.baseUrl();
            Launcher.run(ManyKindsOfTests.class, Launcher.parallel(config("record", baseUrl))).testEvents()
                    .assertStatistics(s -> s.started(9).succeeded(9));
            assertThat(model.requests()).hasSize(10);
        }
        List<String> entries = new ArrayList<>();
        for (Map<String, Object> e : entries(recordingsOf(ManyKindsOfTests.class))) {
            entries.add(e.get("case") + " / " + e.get("call"));
        }
        assertThat(entries).containsExactly(
                "Escalations > escalates / call 1",
                "each_order > [1] order = \"48213\" / call 1", // JUnit 6's display names; 5.x writes [1] order=48213
                "each_order > [2] order = \"51877\" / call 1",
                "repeated > repetition 1 of 2 / call 1",
                "repeated > repetition 2 of 2 / call 1",
                "through_the_constructor / call 1",
                "tracks > order 48213 / call 1",
                "tracks > order 51877 / call 1",
                "two_calls_in_one_test / call 1",
                "two_calls_in_one_test / call 2");

        Launcher.run(ManyKindsOfTests.class, Launcher.parallel(config("replay", baseUrl))).testEvents()
                .assertStatistics(s -> s.started(9).succeeded(9));
    }

    /** The server a wrapped model talks to, set by the test. */
    static volatile String wrappedBaseUrl;
    static final AtomicReference<Throwable> offThread = new AtomicReference<>();

    @ExtendWith(PromptSpecExtension.class)
    static class WrappedModelTest {
        private final ChatModel model = PromptSpecRecorder.wrap(OpenAiChatModel.builder().baseUrl(wrappedBaseUrl).apiKey("sk-local")
                .modelName("gpt-4o-mini").temperature(0.2).maxRetries(0).build());

        @Test
        void answers_through_its_own_model() throws Exception {
            SupportBot bot = AiServices.create(SupportBot.class, model);
            PromptAssertions.assertThat(bot.reply(ticket)).hasSection("Next steps").withBulletsAtLeast(3);
            Thread elsewhere = new Thread(() -> {
                try {
                    model.chat("Order 48213?");
                } catch (Throwable t) {
                    offThread.set(t);
                }
            }, "application-worker");
            elsewhere.start();
            elsewhere.join();
        }
    }

    @Test
    void a_model_the_test_built_is_recorded_with_its_own_id_and_parameters_then_replayed() throws Exception {
        try (FakeOpenAiServer model = FakeOpenAiServer.start(RefundAnswers::answer)) {
            wrappedBaseUrl = model.baseUrl();
            Launcher.run(WrappedModelTest.class, config("record", "http://127.0.0.1:9/v1")).testEvents()
                    .assertStatistics(s -> s.succeeded(1));
            assertThat(model.requests()).singleElement().satisfies(r -> assertThat(r.body().path("temperature").asDouble()).isEqualTo(0.2));
        }
        Map<String, Object> entry = onlyEntry(recordingsOf(WrappedModelTest.class));
        assertThat(entry.get("request").toString()).contains("model=gpt-4o-mini", "parameters={temperature=0.2}");
        assertThat(offThread.get()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("PromptSpec records each model"
                + " call for the test that makes it, and no test is running on thread 'application-worker'");

        Launcher.run(WrappedModelTest.class, config("replay", "http://127.0.0.1:9/v1")).testEvents().assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void the_key_is_sent_and_never_recorded() throws Exception {
        String key = "sk-proj-Jx7Vb2Qm9Lp4Rt8KwZ";
        try (FakeOpenAiServer model = FakeOpenAiServer.start(RefundAnswers::answer)) {
            Map<String, String> config = config("record", model.baseUrl());
            config.put("promptspec.openai.api-key", key);
            Launcher.run(SupportBotTest.class, config).testEvents().assertStatistics(s -> s.succeeded(1));
            assertThat(model.requests().get(0).header("Authorization")).isEqualTo("Bearer " + key);
        }
        assertThat(Files.readString(recordingsOf(SupportBotTest.class))).doesNotContain(key).doesNotContain("Bearer");
    }

    @Test
    void an_invalid_setting_fails_the_test_naming_the_key() {
        Map<String, String> config = config("replay", "http://127.0.0.1:9/v1");
        config.put("promptspec.mode", "offline");

        assertThat(Launcher.onlyFailure(Launcher.run(SupportBotTest.class, config)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("PromptSpec configuration: promptspec.mode=offline is not a mode; use auto, replay, record, live, validate or mutate");
    }

    static Map<String, Object> onlyEntry(Path file) throws IOException {
        List<Map<String, Object>> entries = entries(file);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(Path file) throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(file));
        return (List<Map<String, Object>>) root.get("recordings");
    }
}
