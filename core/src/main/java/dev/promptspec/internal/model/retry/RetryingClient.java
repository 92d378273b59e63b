package dev.promptspec.internal.model.retry;

import dev.promptspec.config.Keys;
import dev.promptspec.config.RetryPolicy;
import dev.promptspec.internal.util.Durations;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * Retries what may succeed later (HTTP 408, 409, 429 and 5xx, timeouts, dropped or refused connections)
 * and nothing else: a rejected key or an unknown model fails at once. The final error keeps the last
 * failure's kind, status and message and adds how many attempts were made and what each one got.
 */
public final class RetryingClient implements ModelClient {

    /** OpenAI answers 429 both for "slow down" and for "no credit left"; only the first passes with time. */
    private static final Pattern QUOTA = Pattern.compile("(?i)insufficient_quota|exceeded your current quota");

    private final ModelClient delegate;
    private final RetryPolicy policy;
    private final Timing timing;
    private final BooleanSupplier cancelled;
    private final DoubleSupplier random;

    public RetryingClient(ModelClient delegate, RetryPolicy policy, Timing timing, BooleanSupplier cancelled) {
        this(delegate, policy, timing, cancelled, () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryingClient(ModelClient delegate, RetryPolicy policy, Timing timing, BooleanSupplier cancelled, DoubleSupplier random) {
        this.delegate = delegate;
        this.policy = policy;
        this.timing = timing;
        this.cancelled = cancelled;
        this.random = random;
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        List<String> failures = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            if (cancelled.getAsBoolean()) {
                throw cancelled(attempt - 1, failures);
            }
            try {
                ModelResponse response = delegate.call(request, context);
                return response.attempts() == attempt ? response : response.withOrigin(response.origin(), attempt);
            } catch (ModelCallException e) {
                if (e.attempts() == 0) {
                    // No call was made (budget spent, run cancelled, no price, no key): nothing to retry, and nothing
                    // to add to the attempts of calls that were made before it, if any.
                    throw attempt == 1 ? e : afterEarlierAttempts(e, attempt - 1, failures);
                }
                failures.add(describe(e));
                String notRetried = whyNotRetried(e);
                if (notRetried != null) {
                    throw annotated(e, attempt, failures, notRetried);
                }
                if (attempt > policy.maxRetries()) {
                    throw annotated(e, attempt, failures, policy.maxRetries() == 0
                            ? "retries are off (" + Keys.RETRIES + "=0)"
                            : "gave up after " + policy.maxRetries() + (policy.maxRetries() == 1 ? " retry" : " retries")
                                    + " (" + Keys.RETRIES + ")");
                }
                Duration wait;
                if (e.retryAfter().isPresent() && !e.retryAfter().get().isZero()) {
                    Duration asked = e.retryAfter().get();
                    if (asked.compareTo(policy.maxWait()) > 0) {
                        throw annotated(e, attempt, failures, "the server asked to wait " + Durations.words(asked)
                                + " before retrying, longer than " + Keys.RETRY_MAX_WAIT + " (" + Durations.words(policy.maxWait())
                                + "), so it was not retried");
                    }
                    wait = policy.serverWait(asked, random);
                } else {
                    wait = policy.backoff(attempt, random);
                }
                if (!timing.sleepUnlessCancelled(wait, cancelled)) {
                    throw cancelled(attempt, failures);
                }
            }
        }
    }

    /** Null when the failure may pass with time, else why it is not retried. */
    static String whyNotRetried(ModelCallException e) {
        return switch (e.kind()) {
            case TIMEOUT, CONNECTION -> null;
            case HTTP_STATUS -> {
                int s = e.status();
                if (s == 429 && e.getMessage() != null && QUOTA.matcher(e.getMessage()).find()) {
                    yield "the account's quota is used up, which waiting does not fix";
                }
                yield s == 408 || s == 409 || s == 429 || s >= 500 ? null : "HTTP " + s + " is not retried";
            }
            case BAD_RESPONSE -> "an answer that is not a chat completion is not retried";
            default -> "not retried";
        };
    }

    private static String describe(ModelCallException e) {
        return switch (e.kind()) {
            case HTTP_STATUS -> "HTTP " + e.status();
            case TIMEOUT -> "timeout";
            case CONNECTION -> "connection failed";
            case BAD_RESPONSE -> "bad response";
            default -> e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static ModelCallException annotated(ModelCallException e, int attempts, List<String> failures, String why) {
        String how = attempts == 1
                ? "1 attempt"
                : attempts + " attempts, all failed: " + String.join(", ", failures);
        String message = e.getMessage() + " [" + how + "; " + why + "]";
        return new ModelCallException(e.kind(), message, attempts, e.status(), e.retryAfter().orElse(null), e.getCause());
    }

    /** A call refused before it started, after {@code attempts} made ones had failed: it says both, and counts those. */
    private static ModelCallException afterEarlierAttempts(ModelCallException e, int attempts, List<String> failures) {
        String message = e.getMessage() + " [after " + attempts + (attempts == 1 ? " failed attempt: " : " failed attempts: ")
                + String.join(", ", failures) + "]";
        return new ModelCallException(e.kind(), message, attempts, e.status(), e.retryAfter().orElse(null), e.getCause());
    }

    private static ModelCallException cancelled(int attempts, List<String> failures) {
        if (failures.isEmpty()) {
            return new ModelCallException(Kind.CANCELLED, "the run was cancelled before this call started", 0);
        }
        return new ModelCallException(Kind.CANCELLED, "the run was cancelled; the call was not retried after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " (" + String.join(", ", failures) + ")", attempts);
    }
}
