package dev.promptspec.internal.model.openai;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The HTTP client under langchain4j's OpenAI model: the JDK's client, keeping the response headers of
 * error statuses (see {@link HttpStatusException}). Streaming is not used by PromptSpec.
 */
final class JdkHttpTransport implements HttpClient {

    private final java.net.http.HttpClient client;
    private final Duration readTimeout;

    private JdkHttpTransport(Duration connectTimeout, Duration readTimeout) {
        java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1);
        if (connectTimeout != null) {
            b.connectTimeout(connectTimeout);
        }
        this.client = b.build();
        this.readTimeout = readTimeout;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Stops the client's threads (see {@link JdkHttpClients}); nothing can be sent afterwards. */
    void close() {
        JdkHttpClients.stop(client);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(v -> b.header(name, v));
            }
        });
        b.method(request.method().name(), request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        if (readTimeout != null) {
            b.timeout(readTimeout);
        }
        try {
            java.net.http.HttpResponse<byte[]> response = client.send(b.build(), BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status < 200 || status >= 300) {
                throw new HttpStatusException(status, new String(response.body(), StandardCharsets.UTF_8), response.headers().map());
            }
            return SuccessfulHttpResponse.builder()
                    .statusCode(status)
                    .headers(response.headers().map())
                    .body(response.body())
                    .build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallInterruptedException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("PromptSpec does not stream responses");
    }

    /** The thread making the call was interrupted (the run is being cancelled). */
    static final class CallInterruptedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CallInterruptedException(InterruptedException cause) {
            super("interrupted", cause);
        }
    }

    /** Builds transports and remembers them, so that whoever owns the model can close what it built. */
    static final class Builder extends TransportBuilder {
        private final List<JdkHttpTransport> built = new CopyOnWriteArrayList<>();

        @Override
        public JdkHttpTransport build() {
            JdkHttpTransport transport = new JdkHttpTransport(connectTimeout(), readTimeout());
            built.add(transport);
            return transport;
        }

        /** Closes every transport built so far. */
        void closeAll() {
            built.forEach(JdkHttpTransport::close);
        }
    }
}
