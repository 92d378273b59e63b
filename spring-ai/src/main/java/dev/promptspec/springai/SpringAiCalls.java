package dev.promptspec.springai;

import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Role;
import dev.promptspec.model.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * Spring AI's prompts and answers in PromptSpec's terms: what a recording holds (messages as text; the model and the
 * portable options, the prompt's over the model's defaults; token usage, the model that answered and why it stopped)
 * and back. Uses only what Spring AI 1.1 and 2.0 both have. What a recording cannot hold (tools, media) is refused,
 * saying so.
 */
final class SpringAiCalls {

    private SpringAiCalls() {
    }

    /** The prompt as recorded, with the options the model would apply: the prompt's, else the model's defaults. */
    static ModelRequest toModelRequest(Prompt prompt, ChatOptions defaults, String fallbackModel) {
        ChatOptions options = prompt.getOptions();
        if (options instanceof ToolCallingChatOptions tools && tools.getToolCallbacks() != null
                && !tools.getToolCallbacks().isEmpty()) {
            throw unsupported("a prompt with tools (" + tools.getToolCallbacks().size() + " tool callbacks)");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (Message m : prompt.getInstructions()) {
            messages.add(message(m));
        }
        String model = option(options, defaults, ChatOptions::getModel);
        List<String> stop = option(options, defaults, ChatOptions::getStopSequences);
        ModelParameters parameters = new ModelParameters(option(options, defaults, ChatOptions::getTemperature),
                option(options, defaults, ChatOptions::getMaxTokens), null, option(options, defaults, ChatOptions::getTopP),
                stop == null || stop.isEmpty() ? null : stop, null, option(options, defaults, ChatOptions::getFrequencyPenalty),
                option(options, defaults, ChatOptions::getPresencePenalty));
        return new ModelRequest(model != null && !model.isBlank() ? model : fallbackModel, messages, parameters, null);
    }

    private static <T> T option(ChatOptions options, ChatOptions defaults, Function<ChatOptions, T> get) {
        T value = options == null ? null : get.apply(options);
        return value != null || defaults == null ? value : get.apply(defaults);
    }

    private static ChatMessage message(Message m) {
        switch (m.getMessageType()) {
            case SYSTEM:
                return new ChatMessage(Role.SYSTEM, text(m));
            case USER:
                if (m instanceof UserMessage u && u.getMedia() != null && !u.getMedia().isEmpty()) {
                    throw unsupported("a user message with media (" + u.getMedia().size() + " attachments)");
                }
                return new ChatMessage(Role.USER, text(m));
            case ASSISTANT:
                if (m instanceof AssistantMessage a && a.hasToolCalls()) {
                    throw unsupported("an assistant message with tool calls");
                }
                return new ChatMessage(Role.ASSISTANT, text(m));
            default:
                throw unsupported("a message of type " + m.getMessageType());
        }
    }

    private static String text(Message m) {
        return m.getText() == null ? "" : m.getText();
    }

    /** The answer as Spring AI gives it: one generation with its finish reason; the model and the token usage. */
    static ChatResponse toChatResponse(ModelResponse response) {
        ChatGenerationMetadata generation = ChatGenerationMetadata.builder().finishReason(response.finishReason()).build();
        ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder();
        if (response.modelId() != null) {
            metadata.model(response.modelId());
        }
        if (response.usage().isKnown()) {
            TokenUsage u = response.usage();
            metadata.usage(new DefaultUsage(u.inputTokens() == null ? 0 : u.inputTokens(), u.outputTokens() == null ? 0 : u.outputTokens()));
        }
        return new ChatResponse(List.of(new Generation(new AssistantMessage(response.text()), generation)), metadata.build());
    }

    /** A live answer as recorded; {@code model} names the bean in messages. */
    static ModelResponse toModelResponse(ChatResponse response, Duration latency, String model) throws ModelCallException {
        Generation generation = response == null ? null : response.getResult();
        if (generation == null || generation.getOutput() == null) {
            throw new ModelCallException(ModelCallException.Kind.BAD_RESPONSE, model + " returned no generation", 1);
        }
        if (generation.getOutput().hasToolCalls()) {
            throw new ModelCallException(ModelCallException.Kind.REJECTED, model + " answered with tool calls, which PromptSpec"
                    + " does not record", 1);
        }
        String text = generation.getOutput().getText();
        if (text == null) {
            throw new ModelCallException(ModelCallException.Kind.REJECTED, model + " answered without text", 1);
        }
        ChatResponseMetadata metadata = response.getMetadata();
        Usage usage = metadata == null ? null : metadata.getUsage();
        TokenUsage tokens = usage == null ? TokenUsage.UNKNOWN : new TokenUsage(usage.getPromptTokens(), usage.getCompletionTokens());
        String finishReason = generation.getMetadata() == null ? null : generation.getMetadata().getFinishReason();
        String answeredBy = metadata == null || metadata.getModel() == null || metadata.getModel().isBlank() ? null : metadata.getModel();
        return new ModelResponse(text, tokens, latency, finishReason, answeredBy, 1, ModelResponse.Origin.LIVE);
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("PromptSpec records calls whose messages and answers are text: " + what
                + " cannot be recorded. Leave promptspec.mode unset for the tests of this call");
    }
}
