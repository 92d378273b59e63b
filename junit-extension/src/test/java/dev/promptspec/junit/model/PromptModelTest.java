package dev.promptspec.junit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.promptspec.junit.PromptModel;
import dev.promptspec.junit.PromptSpec;
import dev.promptspec.junit.PromptSpecTestEngineAccess;
import dev.promptspec.model.ModelCallException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A class's own langchain4j ChatModel answers its prompts, under the run's recordings and summary. */
class PromptModelTest {

    /** Stands in for a provider langchain4j supports (Anthropic, Gemini...): answers greetings as such a model would. */
    static final class GreetingModel implements ChatModel {
        static final List<ChatRequest> REQUESTS = new CopyOnWriteArrayList<>();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            REQUESTS.add(request);
            String user = ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText();
            String name = user.replaceAll(".*hello to (\\w+).*", "$1");
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from("Hello " + name + ", it's a pleasure to meet you! How can I help you today?"))
                    .tokenUsage(new TokenUsage(24, 17))
                    .finishReason(FinishReason.STOP)
                    .modelName("claude-sonnet-4-5-20250929")
                    .build();
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return DefaultChatRequestParameters.builder().modelName("claude-sonnet-4-5").build();
        }
    }

    @PromptSpec("prompts/basic")
    static class GreetingsOnOwnModel {
        @PromptModel
        static ChatModel model() {
            return new GreetingModel();
        }
    }

    @PromptSpec("prompts/basic")
    static class NotStatic {
        @PromptModel
        ChatModel model() {
            return new GreetingModel();
        }
    }

    @PromptSpec("prompts/basic")
    static class NeedsAKeyThatIsMissing {
        @PromptModel(model = "claude-sonnet-4-5")
        static ChatModel model() {
            throw new IllegalArgumentException("apiKey cannot be null or blank");
        }
    }

    @Test
    void the_class_model_answers_and_requests_carry_its_model_id(@TempDir Path dir) throws Exception {
        GreetingModel.REQUESTS.clear();
        EngineExecutionResults results = PromptSpecTestEngineAccess.kitWithoutKey()
                .configurationParameter("promptspec.recordings.dir", dir.toString())
                .configurationParameter("promptspec.mode", "record")
                .selectors(selectClass(GreetingsOnOwnModel.class))
                .execute();
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(GreetingModel.REQUESTS).hasSize(2);
        assertThat(GreetingModel.REQUESTS.get(0).parameters().modelName()).isEqualTo("claude-sonnet-4-5");
        assertThat(GreetingModel.REQUESTS.get(0).parameters().temperature()).isEqualTo(0.2);
        String recording = Files.readString(dir.resolve("prompts/basic/greeting.recordings.yml"), StandardCharsets.UTF_8);
        assertThat(recording).contains("model: claude-sonnet-4-5\n", "model: claude-sonnet-4-5-20250929", "pleasure to meet you");
        assertThat(Engines.entries(results, "Ada")).containsEntry("promptspec.model", "claude-sonnet-4-5-20250929")
                .containsEntry("promptspec.tokens.input", "24").doesNotContainKey("promptspec.cost-usd");
        assertThat(Engines.runSummary(results)).containsEntry("promptspec.calls.live", "2")
                .containsEntry("promptspec.unpriced-models", "claude-sonnet-4-5-20250929");

        // A factory that cannot build its model where recordings are replayed: replays still work
        EngineExecutionResults replay = PromptSpecTestEngineAccess.kitWithoutKey()
                .configurationParameter("promptspec.recordings.dir", dir.toString())
                .configurationParameter("promptspec.mode", "replay")
                .selectors(selectClass(NeedsAKeyThatIsMissing.class))
                .execute();
        replay.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void a_failing_factory_fails_live_calls_with_its_reason(@TempDir Path dir) {
        EngineExecutionResults results = PromptSpecTestEngineAccess.kitWithoutKey()
                .configurationParameter("promptspec.recordings.dir", dir.toString())
                .configurationParameter("promptspec.mode", "live")
                .selectors(selectClass(NeedsAKeyThatIsMissing.class))
                .execute();
        results.testEvents().assertStatistics(s -> s.started(2).failed(2));
        TestExecutionResult r = results.testEvents().failed().stream().findFirst().orElseThrow().getRequiredPayload(TestExecutionResult.class);
        assertThat(r.getThrowable()).get().isInstanceOf(ModelCallException.class).extracting(Throwable::getMessage).asString()
                .contains("NeedsAKeyThatIsMissing.model() (@PromptModel) threw java.lang.IllegalArgumentException: apiKey cannot be null or blank");
    }

    @Test
    void a_malformed_factory_method_fails_every_case_of_its_class(@TempDir Path dir) {
        EngineExecutionResults results = PromptSpecTestEngineAccess.kitWithoutKey()
                .configurationParameter("promptspec.recordings.dir", dir.toString())
                .selectors(selectClass(NotStatic.class))
                .execute();
        results.testEvents().assertStatistics(s -> s.started(2).failed(2));
        assertThat(results.testEvents().failed().stream().findFirst().orElseThrow().getRequiredPayload(TestExecutionResult.class)
                .getThrowable()).get().extracting(Throwable::getMessage).asString()
                .contains("@PromptModel method NotStatic.model() must be static and take no parameters");
    }
}
