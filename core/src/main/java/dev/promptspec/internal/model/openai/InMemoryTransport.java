package dev.promptspec.internal.model.openai;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.util.List;
import java.util.Map;

/**
 * A transport that sends nothing: it keeps the body of the request it is given and answers with the body the calling
 * thread set, so that langchain4j's own request and response mapping (the live call's) runs without a network. Used to
 * warm that mapping up ({@link OpenAiClients#warmUp}) and to write and read Batch API lines ({@link OpenAiWire}).
 */
final class InMemoryTransport implements HttpClient {

    /** A chat completion for a thread that set no reply. */
    static final String COMPLETION = "{\"id\":\"chatcmpl-warm-up\",\"object\":\"chat.completion\",\"created\":0,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"## Warm-up\\n\\n- nothing was sent\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":20}}";

    /** Per thread, so one model serves concurrent callers. */
    private final ThreadLocal<String> reply = ThreadLocal.withInitial(() -> COMPLETION);
    private final ThreadLocal<String> sent = new ThreadLocal<>();

    /** The next request made on this thread is answered with {@code body}. */
    void reply(String body) {
        reply.set(body);
    }

    /** The body of the last request made on this thread. */
    String lastSentBody() {
        return sent.get();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        sent.set(request.body());
        return SuccessfulHttpResponse.builder()
                .statusCode(200)
                .headers(Map.of("content-type", List.of("application/json")))
                .body(reply.get())
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("PromptSpec does not stream responses");
    }

    /** Builds one transport and hands out that same one, so its owner can set replies and read bodies. */
    static final class Builder extends TransportBuilder {
        private final InMemoryTransport transport = new InMemoryTransport();

        @Override
        public InMemoryTransport build() {
            return transport;
        }

        InMemoryTransport transport() {
            return transport;
        }
    }
}
