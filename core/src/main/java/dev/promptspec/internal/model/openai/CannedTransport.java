package dev.promptspec.internal.model.openai;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.util.List;
import java.util.Map;

/**
 * A transport that sends nothing: every request gets the same chat completion, built here. Used only to warm up
 * langchain4j's request and response mapping before the run's first real call (see {@link OpenAiClients#warmUp}).
 */
final class CannedTransport implements HttpClient {

    private static final String COMPLETION = "{\"id\":\"chatcmpl-warm-up\",\"object\":\"chat.completion\",\"created\":0,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"## Warm-up\\n\\n- nothing was sent\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":20}}";

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        return SuccessfulHttpResponse.builder()
                .statusCode(200)
                .headers(Map.of("content-type", List.of("application/json")))
                .body(COMPLETION)
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("PromptSpec does not stream responses");
    }

    static final class Builder extends TransportBuilder {
        @Override
        public HttpClient build() {
            return new CannedTransport();
        }
    }
}
