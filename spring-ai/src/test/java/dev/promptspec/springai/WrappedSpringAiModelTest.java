package dev.promptspec.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.jupiter.PromptSpecExtension;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * {@link PromptSpecSpringAi#wrap(ChatModel)} on a Spring AI model a plain Jupiter test builds itself, with JUnit's
 * configuration: recorded from a model over HTTP, then replayed with it stopped; {@code call(String)} and
 * {@code stream(Prompt)} go through the recordings like {@code call(Prompt)}.
 */
class WrappedSpringAiModelTest {

    @TempDir
    Path recordings;

    static volatile String baseUrl;
    static volatile List<ChatResponse> streamed;

    @ExtendWith(PromptSpecExtension.class)
    static class ReviewerTest {
        private final ChatModel model = PromptSpecSpringAi.wrap(OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                .baseUrl(baseUrl).apiKey("sk-local").model("gpt-4o-mini").temperature(0.3).maxRetries(0).build()).build());

        @Test
        void reviews_the_design() {
            ChatResponse response = model.call(new Prompt(List.of(new SystemMessage(ArchitectAdvisor.SYSTEM),
                    new UserMessage("Review: one PostgreSQL primary takes every order."))));
            assertThat(response.getResult().getOutput().getText()).contains("## Verdict");
            assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(100);
            assertThat(model.call("Which risk comes first?")).contains("Hot SKUs");
            streamed = model.stream(new Prompt("And the next step?")).collectList().block();
        }
    }

    private EngineExecutionResults run(String mode) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(ReviewerTest.class)).configurationParameters(Map.of(
                "promptspec.mode", mode, "promptspec.recordings.dir", recordings.toString())).execute();
    }

    @Test
    void records_every_way_of_calling_then_replays_them_with_the_model_gone() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Completion(ReviewAnswers.REVIEW))) {
            baseUrl = server.baseUrl();
            run("record").testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(server.requests()).hasSize(3).allSatisfy(r -> assertThat(r.body().path("temperature").asDouble()).isEqualTo(0.3));
        }
        assertThat(streamed).singleElement().satisfies(r -> assertThat(r.getResult().getOutput().getText()).isEqualTo(ReviewAnswers.REVIEW));
        String file = Files.readString(recordings.resolve("jupiter/" + ReviewerTest.class.getName() + ".recordings.yml"));
        assertThat(file).contains("case: reviews_the_design\n  call: call 1", "call: call 2", "call: call 3",
                "model: gpt-4o-mini\n    parameters:\n      temperature: 0.3").doesNotContain("sk-local");

        streamed = null;
        run("replay").testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(streamed).singleElement().satisfies(r -> assertThat(r.getResult().getOutput().getText()).isEqualTo(ReviewAnswers.REVIEW));
    }
}
