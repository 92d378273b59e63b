package dev.promptspec.internal.model.openai;

import dev.langchain4j.exception.HttpException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An error status with the response headers, which langchain4j's own exception drops: retries need
 * {@code Retry-After} and {@code x-ratelimit-reset-*}.
 */
final class HttpStatusException extends HttpException implements dev.promptspec.internal.model.langchain.ResponseHeaders {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, List<String>> headers;

    HttpStatusException(int status, String body, Map<String, List<String>> headers) {
        super(status, body);
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        this.headers = lower;
    }

    @Override
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
