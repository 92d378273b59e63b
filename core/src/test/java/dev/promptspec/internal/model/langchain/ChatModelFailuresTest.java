package dev.promptspec.internal.model.langchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.promptspec.internal.model.retry.Faults;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.Role;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What a user's langchain4j model throws, as the retries see it: what may pass with time, and what may not. */
class ChatModelFailuresTest {

    private static final ModelRequest REQUEST = new ModelRequest("claude-sonnet-4-5",
            List.of(new ChatMessage(Role.USER, "Can I return unworn boots after 12 days?")), null, null);

    private static ModelCallException failure(Function<ChatRequest, ChatResponse> model) {
        ChatModel chatModel = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return model.apply(request);
            }
        };
        return catchThrowableOfType(ModelCallException.class,
                () -> ChatModelClient.portable(chatModel, "ClaudeTest.model()").call(REQUEST, CallContext.prompt("returns.prompt.yml", "boots")));
    }

    @Test
    void a_rate_limit_without_an_http_status_is_still_a_rate_limit() {
        ModelCallException e = failure(r -> {
            throw new RateLimitException("rate_limit_error: Number of requests has exceeded your per-minute rate limit");
        });
        assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
        assertThat(e.status()).isEqualTo(429);
        assertThat(Faults.rateLimited(e)).isTrue();
        assertThat(e.getMessage()).isEqualTo("ClaudeTest.model() answered HTTP 429 (rate limited): RateLimitException:"
                + " rate_limit_error: Number of requests has exceeded your per-minute rate limit");
    }

    @Test
    void what_langchain4j_calls_retriable_is_a_bad_response_and_what_it_calls_non_retriable_is_rejected() {
        assertThat(failure(r -> {
            throw new InternalServerException("Chat completion failed: no choices returned in response");
        }).kind()).isEqualTo(Kind.BAD_RESPONSE);
        ModelCallException filtered = failure(r -> {
            throw new ContentFilteredException("The response was filtered due to the prompt triggering content management policy");
        });
        assertThat(filtered.kind()).isEqualTo(Kind.REJECTED);
        assertThat(filtered.getMessage()).isEqualTo("the call to ClaudeTest.model() was rejected: ContentFilteredException: The"
                + " response was filtered due to the prompt triggering content management policy");
    }

    @Test
    void an_answer_without_text_is_rejected_and_no_answer_at_all_is_a_bad_response() {
        assertThat(failure(r -> ChatResponse.builder().aiMessage(AiMessage.from(List.of(
                dev.langchain4j.agent.tool.ToolExecutionRequest.builder().name("lookup_order").arguments("{}").build()))).build())
                .kind()).isEqualTo(Kind.REJECTED);
        assertThat(failure(r -> null).kind()).isEqualTo(Kind.BAD_RESPONSE);
    }
}
