package dev.promptspec.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.testing.FakeOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.yaml.snakeyaml.Yaml;

/**
 * A minimal Spring Boot application whose service builds its prompt with {@code ChatClient}, and its
 * {@code @SpringBootTest} written as any team writes it, with no PromptSpec in its code: with {@code promptspec.mode=record}
 * its model calls are recorded from a model over HTTP (a fake OpenAI server, through Spring AI's own OpenAI client), and
 * with {@code promptspec.mode=replay} the same test passes with the server stopped, with the same answer, model and token
 * usage. Without {@code promptspec.mode}, the context's model is left alone.
 */
class SpringBootRecordReplayTest {

    @TempDir
    Path recordings;

    private final Properties saved = (Properties) System.getProperties().clone();

    @AfterEach
    void restoreSystemProperties() {
        System.setProperties(saved);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ArchitectApplication {
        @Bean
        ArchitectAdvisor architectAdvisor(org.springframework.ai.chat.client.ChatClient.Builder builder) {
            return new ArchitectAdvisor(builder);
        }
    }

    static final AtomicReference<ChatResponse> answered = new AtomicReference<>();
    static final AtomicReference<Class<?>> modelBean = new AtomicReference<>();

    /** The application's test: a context, a service, an assertion on its answer. */
    @SpringBootTest(classes = ArchitectApplication.class, properties = {"spring.main.banner-mode=off", "logging.level.root=warn"})
    @DirtiesContext // each run reads the system properties of its own mode
    static class ArchitectAdvisorTest {
        @Autowired
        ArchitectAdvisor advisor;
        @Autowired
        ChatModel model;

        @Test
        void reviews_a_flash_sale_design() {
            modelBean.set(model.getClass());
            ChatResponse response = advisor.review("One PostgreSQL primary takes every order and reserves stock in the same"
                    + " transaction; read replicas serve the order status page.");
            answered.set(response);
            assertThat(response.getResult().getOutput().getText()).contains("## Risks", "Hot SKUs");
        }
    }

    @Test
    void a_call_the_model_refuses_fails_with_its_reason_and_without_the_application_s_key() throws Exception {
        String key = "northwind-7Hq2Lx9Vm4PzKd3R";
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Status(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + key + ".\",\"type\":\"invalid_request_error\"}}"))) {
            configure("record", server.baseUrl());
            System.setProperty("spring.ai.openai.api-key", key);

            List<Throwable> failures = new ArrayList<>();
            runTheApplicationsTest().testEvents().failed().list().forEach(e ->
                    failures.add(e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()));

            assertThat(failures).singleElement().satisfies(f -> {
                assertThat(f).isInstanceOf(dev.promptspec.jupiter.ModelCallFailedException.class)
                        .hasMessageStartingWith("ChatModel bean 'openAiChatModel' (OpenAiChatModel) failed: ")
                        .hasMessageContaining("Incorrect API key provided: ****");
                for (Throwable t = f; t != null; t = t.getCause()) {
                    assertThat(t.getMessage()).doesNotContain(key);
                }
            });
        }
        assertThat(recordingsFile()).as("nothing answered, nothing recorded").doesNotExist();
    }

    private void configure(String mode, String baseUrl) {
        if (mode != null) {
            System.setProperty("promptspec.mode", mode);
        }
        System.setProperty("promptspec.recordings.dir", recordings.toString());
        System.setProperty("spring.ai.openai.base-url", baseUrl);
        System.setProperty("spring.ai.openai.api-key", "sk-spring-test-4Xv9Lq2Pz7");
        System.setProperty("spring.ai.openai.chat.model", "gpt-4o-mini");
        System.setProperty("spring.ai.openai.chat.max-retries", "0");
    }

    private static EngineExecutionResults runTheApplicationsTest() {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(ArchitectAdvisorTest.class)).execute();
    }

    private Path recordingsFile() {
        return recordings.resolve("jupiter/" + ArchitectAdvisorTest.class.getName() + ".recordings.yml");
    }

    @Test
    void records_with_the_model_up_then_replays_with_it_stopped() throws Exception {
        String baseUrl;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Completion(ReviewAnswers.REVIEW))) {
            baseUrl = server.baseUrl();
            configure("record", baseUrl);
            runTheApplicationsTest().testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(server.requests()).singleElement().satisfies(r -> {
                assertThat(r.model()).isEqualTo("gpt-4o-mini");
                assertThat(r.lastMessage("system")).isEqualTo(ArchitectAdvisor.SYSTEM);
            });
        }
        assertThat(modelBean.get()).isEqualTo(RecordedSpringAiChatModel.class);
        ChatResponse live = answered.get();

        Map<String, Object> entry = onlyEntry();
        assertThat(entry).containsEntry("case", "reviews_a_flash_sale_design").containsEntry("call", "call 1");
        Map<?, ?> request = (Map<?, ?>) entry.get("request");
        assertThat(request.get("model")).isEqualTo("gpt-4o-mini");
        assertThat(request.get("parameters")).isEqualTo(Map.of("temperature", 0.1, "max_tokens", 900));
        assertThat(request.get("messages").toString()).contains("role=system, content=" + ArchitectAdvisor.SYSTEM,
                "role=user, content=Review this design for a flash sale of 10k orders per second:\nOne PostgreSQL primary");
        Map<?, ?> response = (Map<?, ?>) entry.get("response");
        assertThat(response.get("text")).isEqualTo(ReviewAnswers.REVIEW);
        assertThat(response.get("usage")).isEqualTo(Map.of("input", 100, "output", ReviewAnswers.REVIEW.length() / 4));
        assertThat(Files.readString(recordingsFile())).doesNotContain("sk-spring-test");

        // The server is stopped: the recording answers, with what the live answer said.
        configure("replay", baseUrl);
        runTheApplicationsTest().testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        ChatResponse replayed = answered.get();
        assertThat(replayed.getResult().getOutput().getText()).isEqualTo(live.getResult().getOutput().getText());
        assertThat(replayed.getMetadata().getModel()).isEqualTo(live.getMetadata().getModel()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(replayed.getMetadata().getUsage().getPromptTokens()).isEqualTo(100);
        assertThat(replayed.getMetadata().getUsage().getCompletionTokens())
                .isEqualTo(live.getMetadata().getUsage().getCompletionTokens());
        assertThat(replayed.getResult().getMetadata().getFinishReason()).isEqualTo(live.getResult().getMetadata().getFinishReason());
    }

    @Test
    void a_missing_recording_fails_the_test_naming_it_and_its_call() {
        configure("replay", "http://127.0.0.1:9/v1");

        List<Throwable> failures = new ArrayList<>();
        runTheApplicationsTest().testEvents().failed().list().forEach(e ->
                failures.add(e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()));

        assertThat(failures).singleElement().satisfies(f -> assertThat(f).hasMessage("jupiter/" + ArchitectAdvisorTest.class.getName()
                + " [reviews_a_flash_sale_design] call 1: no recorded response (looked in " + recordingsFile() + ")\nTo record it, run"
                + " with an API key and -Dpromptspec.mode=record (or in the default mode, auto)."));
    }

    @Test
    void without_promptspec_mode_the_context_s_model_is_left_alone() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Completion(ReviewAnswers.REVIEW))) {
            configure(null, server.baseUrl());
            runTheApplicationsTest().testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(server.requests()).hasSize(1);
        }
        assertThat(modelBean.get().getSimpleName()).isEqualTo("OpenAiChatModel");
        assertThat(recordings).isEmptyDirectory();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> onlyEntry() throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(recordingsFile()));
        List<Map<String, Object>> entries = (List<Map<String, Object>>) root.get("recordings");
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}
