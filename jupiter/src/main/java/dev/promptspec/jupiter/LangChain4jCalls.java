package dev.promptspec.jupiter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.FinishReason;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.model.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * langchain4j's chat requests and responses in PromptSpec's terms: what a recording holds (messages as text, the
 * portable parameters, the response format) and back. What a recording cannot hold is refused with a message saying so:
 * tools, images and audio.
 */
final class LangChain4jCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LangChain4jCalls() {
    }

    /** The request as recorded; {@code model} is the id chosen for it. */
    static ModelRequest toModelRequest(ChatRequest request, String model) {
        ChatRequestParameters p = request.parameters();
        if (p.toolSpecifications() != null && !p.toolSpecifications().isEmpty()) {
            throw unsupported("a request with tools (" + p.toolSpecifications().size() + " tool specifications)");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (dev.langchain4j.data.message.ChatMessage m : request.messages()) {
            messages.add(message(m));
        }
        Integer seed = p instanceof OpenAiChatRequestParameters o ? o.seed() : null;
        List<String> stop = p.stopSequences() == null || p.stopSequences().isEmpty() ? null : p.stopSequences();
        ModelParameters parameters = new ModelParameters(p.temperature(), p.maxOutputTokens(), null, p.topP(), stop, seed,
                p.frequencyPenalty(), p.presencePenalty());
        return new ModelRequest(model, messages, parameters, responseFormat(p.responseFormat()));
    }

    private static ChatMessage message(dev.langchain4j.data.message.ChatMessage m) {
        if (m instanceof SystemMessage s) {
            return new ChatMessage(Role.SYSTEM, s.text());
        }
        if (m instanceof UserMessage u) {
            if (!u.hasSingleText()) {
                throw unsupported("a user message with images, audio or several parts");
            }
            return new ChatMessage(Role.USER, u.singleText());
        }
        if (m instanceof AiMessage a) {
            if (a.hasToolExecutionRequests()) {
                throw unsupported("an AI message with tool calls");
            }
            return new ChatMessage(Role.ASSISTANT, a.text() == null ? "" : a.text());
        }
        throw unsupported("a message of type " + m.type());
    }

    private static ResponseFormat responseFormat(dev.langchain4j.model.chat.request.ResponseFormat format) {
        if (format == null || format.type() == ResponseFormatType.TEXT) {
            return null;
        }
        if (format.jsonSchema() == null) {
            return new ResponseFormat("json_object", null, null);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", format.jsonSchema().name());
        schema.put("schema", JsonSchemaElementUtils.toMap(format.jsonSchema().rootElement()));
        try {
            return new ResponseFormat("json_schema", JSON.writeValueAsString(schema), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON schema that Jackson cannot write", e);
        }
    }

    /** The recorded (or live) answer as langchain4j gives it: text, model, token usage and finish reason. */
    static ChatResponse toChatResponse(ModelResponse response) {
        dev.langchain4j.model.output.TokenUsage usage = response.usage().isKnown()
                ? new dev.langchain4j.model.output.TokenUsage(response.usage().inputTokens(), response.usage().outputTokens())
                : null;
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(response.text()))
                .metadata(ChatResponseMetadata.builder()
                        .modelName(response.modelId())
                        .tokenUsage(usage)
                        .finishReason(finishReason(response.finishReason()))
                        .build())
                .build();
    }

    /** The inverse of how core records langchain4j's reasons ({@code STOP} as {@code stop}); unknown ones are OTHER. */
    private static FinishReason finishReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        try {
            return FinishReason.valueOf(reason.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return FinishReason.OTHER;
        }
    }

    private static UnsupportedFeatureException unsupported(String what) {
        return new UnsupportedFeatureException("PromptSpec records calls whose messages and answers are text: " + what
                + " cannot be recorded. Test this call with a model of your own, outside PromptSpec's recordings");
    }
}
