package dev.promptspec.internal.model.retry;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.model.ModelCallException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/** What a failed attempt says about the server: which failures pass with time, and which of them are rate limits. */
@API(status = INTERNAL, since = "0.1")
public final class Faults {

    /** OpenAI answers 429 both for "slow down" and for "no credit left"; only the first passes with time. */
    private static final Pattern QUOTA = Pattern.compile("(?i)insufficient_quota|exceeded your current quota");

    private Faults() {
    }

    /** An attempt the server refused because the caller is too fast (HTTP 429, not an exhausted quota). */
    public static boolean rateLimited(ModelCallException e) {
        return e.kind() == ModelCallException.Kind.HTTP_STATUS && e.status() == 429 && !quotaExhausted(e);
    }

    static boolean quotaExhausted(ModelCallException e) {
        return e.status() == 429 && e.getMessage() != null && QUOTA.matcher(e.getMessage()).find();
    }

    /**
     * Null when the failure may pass with time (HTTP 408, 409, 429 and 5xx, timeouts, failed connections, a 2xx body
     * that is not a chat completion), else why it is not retried.
     */
    static String whyNotRetried(ModelCallException e) {
        return switch (e.kind()) {
            case TIMEOUT, CONNECTION, BAD_RESPONSE -> null;
            case HTTP_STATUS -> {
                int s = e.status();
                if (quotaExhausted(e)) {
                    yield "the account's quota is used up, which waiting does not fix";
                }
                yield s == 408 || s == 409 || s == 429 || s >= 500 ? null : "HTTP " + s + " is not retried";
            }
            case REJECTED -> "the provider rejected it, which waiting does not fix";
            default -> "not retried";
        };
    }

    /** A failed attempt in a word or two, for the list of attempts in the final error. */
    static String describe(ModelCallException e) {
        return switch (e.kind()) {
            case HTTP_STATUS -> "HTTP " + e.status();
            case TIMEOUT -> "timeout";
            case CONNECTION -> "connection failed";
            case BAD_RESPONSE -> "bad response";
            default -> e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
