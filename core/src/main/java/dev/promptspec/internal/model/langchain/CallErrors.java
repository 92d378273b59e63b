package dev.promptspec.internal.model.langchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.promptspec.internal.util.Durations;
import dev.promptspec.internal.util.Json;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Turns whatever a langchain4j model threw into a {@link ModelCallException} that says what happened in
 * words, with the status and the server's own message, and without any secret: the original exception is kept
 * as the cause only as a redacted copy ({@link Redactor#redact(Throwable)}), since its message (a parser quoting
 * a body, a client quoting a header) may hold the key and test reports print causes.
 */
final class CallErrors {

    private static final ObjectMapper JSON = Json.MAPPER;

    private CallErrors() {
    }

    static ModelCallException classify(Throwable thrown, String endpoint, Redactor redactor) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ModelCallException mce) {
                return mce;
            }
            if (t instanceof HttpException http) {
                return fromStatus(http, endpoint, redactor);
            }
            if (t instanceof HttpTimeoutException || t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return new ModelCallException(Kind.TIMEOUT, "no answer from " + endpoint + " within the timeout", 1, 0,
                        redactor.redact(t));
            }
            if (t instanceof InterruptedException || t.getClass().getSimpleName().equals("CallInterruptedException")) {
                return new ModelCallException(Kind.CANCELLED, "the call to " + endpoint + " was interrupted (run cancelled)", 1, 0,
                        redactor.redact(t));
            }
            if (t instanceof ConnectException || t instanceof UnresolvedAddressException
                    || t instanceof java.net.UnknownHostException) {
                // The JDK's ConnectException often has no message at all: say nothing rather than "null".
                String detail = t.getMessage() == null || t.getMessage().isBlank() ? "" : ": " + redactor.redact(t.getMessage());
                return new ModelCallException(Kind.CONNECTION, "cannot connect to " + endpoint + detail
                        + " (is the URL right and the server up?)", 1, 0, redactor.redact(t));
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return new ModelCallException(Kind.BAD_RESPONSE, endpoint + " answered with a body that is not a chat completion: "
                        + redactor.redact(((com.fasterxml.jackson.core.JsonProcessingException) t).getOriginalMessage()), 1, 0, redactor.redact(t));
            }
            if (t instanceof IOException) {
                return new ModelCallException(Kind.CONNECTION, "connection to " + endpoint + " failed: "
                        + redactor.redact(t.getClass().getSimpleName() + ": " + t.getMessage()), 1, 0, redactor.redact(t));
            }
        }
        String what = thrown.getClass().getSimpleName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RateLimitException) {
                // a provider that maps 429 to langchain4j's exception without keeping the HTTP exception
                return new ModelCallException(Kind.HTTP_STATUS, endpoint + " answered HTTP 429 (rate limited): "
                        + redactor.redact(what), 1, 429, null, redactor.redact(thrown));
            }
            if (t instanceof NonRetriableException) {
                return new ModelCallException(Kind.REJECTED, "the call to " + endpoint + " was rejected: " + redactor.redact(what), 1,
                        0, redactor.redact(thrown));
            }
        }
        // langchain4j's "no choices returned" for a 2xx body without a completion, or something PromptSpec does not know:
        // both may pass with time, as langchain4j's own retries assume.
        return new ModelCallException(Kind.BAD_RESPONSE, "the call to " + endpoint + " failed: " + redactor.redact(what), 1, 0,
                redactor.redact(thrown));
    }

    private static ModelCallException fromStatus(HttpException http, String endpoint, Redactor redactor) {
        int status = http.statusCode();
        String serverMessage = redactor.redact(serverMessage(http.getMessage()));
        Duration retryAfter = http instanceof ResponseHeaders h ? retryAfter(h).orElse(null) : null;
        String hint = switch (status) {
            case 401, 403 -> " (check the API key: it was rejected)";
            case 404 -> " (check the model id and the base URL)";
            case 429 -> " (rate limited)";
            default -> "";
        };
        return new ModelCallException(Kind.HTTP_STATUS,
                endpoint + " answered HTTP " + status + hint + ": " + serverMessage, 1, status, retryAfter, null);
    }

    /** OpenAI-style {@code {"error": {"message": ...}}} when present, else the body, shortened. */
    static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode msg = n.path("error").path("message");
            if (msg.isTextual()) {
                return msg.asText();
            }
            if (n.path("error").isTextual()) {
                return n.path("error").asText();
            }
            if (n.path("message").isTextual()) {
                return n.path("message").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: show the text itself
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    /**
     * The wait a server asked for: {@code Retry-After} (seconds or an HTTP date), {@code retry-after-ms},
     * else OpenAI's {@code x-ratelimit-reset-requests}/{@code -tokens} ("6m0s", "1.5s", "20ms").
     */
    static Optional<Duration> retryAfter(ResponseHeaders h) {
        Optional<String> ms = h.header("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(ms.get().trim())));
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        Optional<String> ra = h.header("retry-after");
        if (ra.isPresent()) {
            String v = ra.get().trim();
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException ignored) {
                    // fall through
                }
            }
        }
        Optional<Duration> requests = h.header("x-ratelimit-reset-requests").flatMap(Durations::parse);
        Optional<Duration> tokens = h.header("x-ratelimit-reset-tokens").flatMap(Durations::parse);
        if (requests.isPresent() && tokens.isPresent()) {
            return Optional.of(requests.get().compareTo(tokens.get()) > 0 ? requests.get() : tokens.get());
        }
        return requests.or(() -> tokens);
    }
}
