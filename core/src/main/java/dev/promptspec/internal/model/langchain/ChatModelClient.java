package dev.promptspec.internal.model.langchain;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Calls any langchain4j {@link ChatModel}: OpenAI and compatible endpoints, or a model a user builds
 * (Anthropic, Gemini, Bedrock...). One attempt per call; retries are {@code RetryingClient}'s job.
 */
@API(status = INTERNAL, since = "0.1")
public final class ChatModelClient implements ModelClient, AutoCloseable {

    private final ChatModel model;
    private final String endpoint;
    private final Function<ModelRequest, ChatRequestParameters> parameters;
    private final Redactor redactor;
    private final Runnable onClose;

    /**
     * @param endpoint   how errors name the endpoint (a URL, or the provider's name); never holds a key
     * @param parameters maps our request onto the provider's parameters
     */
    public ChatModelClient(ChatModel model, String endpoint, Function<ModelRequest, ChatRequestParameters> parameters,
            Redactor redactor) {
        this(model, endpoint, parameters, redactor, () -> { });
    }

    /** @param onClose releases what PromptSpec built under the model (its HTTP client), when the run is over */
    public ChatModelClient(ChatModel model, String endpoint, Function<ModelRequest, ChatRequestParameters> parameters,
            Redactor redactor, Runnable onClose) {
        this.model = model;
        this.endpoint = endpoint;
        this.parameters = parameters;
        this.redactor = redactor;
        this.onClose = onClose;
    }

    /** For a user's own model: the parameters every langchain4j provider understands. */
    public static ChatModelClient portable(ChatModel model, String name) {
        return new ChatModelClient(model, name, ChatModelClient::portableParameters, Redactor.none());
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        ChatRequest chatRequest = ChatRequest.builder()
                .messages(toLangChain(request.messages()))
                .parameters(parameters.apply(request))
                .build();
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = model.chat(chatRequest);
        } catch (RuntimeException e) {
            throw CallErrors.classify(e, endpoint, redactor);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        if (response == null || response.aiMessage() == null) {
            throw new ModelCallException(ModelCallException.Kind.BAD_RESPONSE, endpoint + " returned no message", 1);
        }
        String text = response.aiMessage().text();
        if (text == null) {
            throw new ModelCallException(ModelCallException.Kind.REJECTED, endpoint
                    + " returned a message without text (tool calls are not supported in prompt files)", 1);
        }
        dev.langchain4j.model.output.TokenUsage u = response.tokenUsage();
        TokenUsage usage = u == null ? TokenUsage.UNKNOWN : new TokenUsage(u.inputTokenCount(), u.outputTokenCount());
        return new ModelResponse(text, usage, latency, finishReason(response.finishReason()), response.modelName(), 1,
                ModelResponse.Origin.LIVE);
    }

    static List<dev.langchain4j.data.message.ChatMessage> toLangChain(List<ChatMessage> messages) {
        List<dev.langchain4j.data.message.ChatMessage> out = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            out.add(switch (m.role()) {
                case SYSTEM -> SystemMessage.from(m.content());
                case USER -> UserMessage.from(m.content());
                case ASSISTANT -> AiMessage.from(m.content());
            });
        }
        return out;
    }

    /** Parameters in langchain4j's portable form; {@code json_schema} degrades to JSON mode. */
    public static ChatRequestParameters portableParameters(ModelRequest request) {
        ModelParameters p = request.parameters();
        DefaultChatRequestParameters.Builder<?> b = DefaultChatRequestParameters.builder()
                .modelName(request.model())
                .temperature(p.temperature())
                .topP(p.topP())
                .frequencyPenalty(p.frequencyPenalty())
                .presencePenalty(p.presencePenalty())
                .maxOutputTokens(p.maxCompletionTokens() != null ? p.maxCompletionTokens() : p.maxTokens());
        if (p.stop() != null) {
            b.stopSequences(p.stop());
        }
        if (request.responseFormat() != null && request.responseFormat().isJson()) {
            b.responseFormat(ResponseFormat.JSON);
        }
        return b.build();
    }

    private static String finishReason(FinishReason reason) {
        return reason == null ? null : reason.name().toLowerCase(Locale.ROOT);
    }

    /** Releases what PromptSpec built under the model; a model supplied by a user is theirs and stays open. */
    @Override
    public void close() {
        onClose.run();
    }

    @Override
    public String toString() {
        return "ChatModelClient[" + endpoint + "]";
    }
}
