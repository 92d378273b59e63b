package dev.promptspec.internal.model.retry;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.model.ModelCallException;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/** What a failed attempt says about the server: whether it was a rate limit. */
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
}
