package dev.promptspec.internal.model.openai;

import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;

/** The timeouts langchain4j sets on a transport's builder before it builds the transport. */
abstract class TransportBuilder implements HttpClientBuilder {

    private Duration connectTimeout;
    private Duration readTimeout;

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }
}
