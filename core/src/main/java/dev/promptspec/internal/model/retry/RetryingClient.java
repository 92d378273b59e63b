package dev.promptspec.internal.model.retry;

import static org.apiguardian.api.API.Status.INTERNAL;

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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import org.apiguardian.api.API;

/**
 * Retries what may succeed later and nothing else: a rejected key or an unknown model fails at once.
 *
 * <ul>
 * <li>A rate limit (HTTP 429 that is not an exhausted quota) is retried for as long as the call's waits add up to no
 * more than {@code promptspec.retry.max-total-wait}: however many there are, since a busy run may meet many, and the
 * run's concurrency limit is lowered meanwhile (see {@code AdaptiveConcurrencyLimit}).</li>
 * <li>Other transient faults (HTTP 408, 409 and 5xx, timeouts, failed connections, a 2xx body that is not a chat
 * completion) are retried at most {@code promptspec.retries} times, within the same total wait.</li>
 * </ul>
 *
 * Each wait is the one the server asked for, unless it asked for more than {@code promptspec.retry.max-wait} (then the
 * call is not retried), else exponential backoff with jitter; waits hold no concurrency permit and end at once when the
 * run is cancelled. The final error keeps the last failure's kind, status and message and adds the attempts, what each
 * one got, and why the call gave up.
 */
@API(status = INTERNAL, since = "0.1")
public final class RetryingClient implements ModelClient {

    /** Runs of the same failure longer than this are written once, with a count: "HTTP 429 ×37". */
    private static final int LONGEST_LISTED_RUN = 4;

    private final ModelClient delegate;
    private final RetryPolicy policy;
    private final Timing timing;
    private final BooleanSupplier cancelled;
    private final RetryListener listener;
    private final FailureStreak streak;
    private final DoubleSupplier random;

    public RetryingClient(ModelClient delegate, RetryPolicy policy, Timing timing, BooleanSupplier cancelled,
            RetryListener listener) {
        this(delegate, policy, timing, cancelled, listener, FailureStreak.NONE);
    }

    /** @param streak the run's failures in a row, shared by every call of the run */
    public RetryingClient(ModelClient delegate, RetryPolicy policy, Timing timing, BooleanSupplier cancelled,
            RetryListener listener, FailureStreak streak) {
        this(delegate, policy, timing, cancelled, listener, streak, () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryingClient(ModelClient delegate, RetryPolicy policy, Timing timing, BooleanSupplier cancelled, RetryListener listener,
            FailureStreak streak, DoubleSupplier random) {
        this.delegate = delegate;
        this.policy = policy;
        this.timing = timing;
        this.cancelled = cancelled;
        this.listener = listener;
        this.streak = streak;
        this.random = random;
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        List<String> failures = new ArrayList<>();
        int faultRetries = 0; // retries after failures other than rate limits
        int rateLimits = 0;
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            if (cancelled.getAsBoolean()) {
                throw cancelled(attempt - 1, failures);
            }
            ModelCallException e;
            try {
                ModelResponse response = delegate.call(request, context);
                streak.succeeded();
                return response.attempts() == attempt ? response : response.withOrigin(response.origin(), attempt);
            } catch (ModelCallException thrown) {
                e = thrown;
            }
            if (e.attempts() == 0) {
                // No call was made (budget spent, run cancelled, no price, no key): nothing to retry, and nothing
                // to add to the attempts of calls that were made before it, if any.
                throw attempt == 1 ? e : afterEarlierAttempts(e, attempt - 1, failures);
            }
            failures.add(Faults.describe(e));
            boolean rateLimited = Faults.rateLimited(e);
            if (rateLimited) {
                rateLimits++;
                listener.rateLimited();
            }
            String notRetried = Faults.whyNotRetried(e);
            if (notRetried != null) {
                throw annotated(e, attempt, failures, notRetried);
            }
            if (policy.maxRetries() == 0) {
                throw annotated(e, attempt, failures, "retries are off (" + Keys.RETRIES + "=0)");
            }
            if (!rateLimited && streak.failedAndLooksDown()) {
                throw annotated(e, attempt, failures, "not retried: the run's last " + streak.threshold() + " attempts all failed"
                        + " (the server looks down), so calls fail at once until one succeeds");
            }
            if (!rateLimited && faultRetries == policy.maxRetries()) {
                throw annotated(e, attempt, failures, "gave up after " + count(faultRetries, "retry", "retries") + " (" + Keys.RETRIES
                        + ")" + (rateLimits == 0 ? "" : ", not counting " + rateLimits + " after rate limits"));
            }
            Duration asked = e.retryAfter().orElse(Duration.ZERO);
            if (asked.compareTo(policy.maxWait()) > 0) {
                throw annotated(e, attempt, failures, "the server asked to wait " + Durations.words(asked)
                        + " before retrying, longer than " + Keys.RETRY_MAX_WAIT + " (" + Durations.words(policy.maxWait())
                        + "), so it was not retried");
            }
            Duration left = policy.maxTotalWait().minus(waited);
            if (left.isNegative() || left.isZero()) {
                throw annotated(e, attempt, failures, rateLimited
                        ? "rate-limited for " + Durations.words(waited) + " (" + Keys.RETRY_MAX_TOTAL_WAIT + ")"
                        : "gave up after waiting " + Durations.words(waited) + " in all (" + Keys.RETRY_MAX_TOTAL_WAIT + ")");
            }
            if (asked.compareTo(left) > 0) {
                throw annotated(e, attempt, failures, "the server asked to wait " + Durations.words(asked) + ", more than the "
                        + Durations.words(left) + " left of " + Keys.RETRY_MAX_TOTAL_WAIT + " (" + Durations.words(policy.maxTotalWait())
                        + "), so it was not retried");
            }
            Duration wait;
            if (rateLimited) {
                wait = policy.rateLimitWait(rateLimits, asked, random);
            } else {
                faultRetries++;
                wait = asked.isZero() ? policy.backoff(faultRetries, random) : policy.serverWait(asked, random);
            }
            if (wait.compareTo(left) > 0) {
                wait = left;
            }
            if (!timing.sleepUnlessCancelled(wait, cancelled)) {
                throw cancelled(attempt, failures);
            }
            waited = waited.plus(wait);
            listener.waited(wait);
        }
    }

    private static ModelCallException annotated(ModelCallException e, int attempts, List<String> failures, String why) {
        String how = attempts == 1
                ? "1 attempt"
                : attempts + " attempts, all failed: " + list(failures);
        String message = e.getMessage() + " [" + how + "; " + why + "]";
        return new ModelCallException(e.kind(), message, attempts, e.status(), e.retryAfter().orElse(null), e.getCause());
    }

    /** A call refused before it started, after {@code attempts} made ones had failed: it says both, and counts those. */
    private static ModelCallException afterEarlierAttempts(ModelCallException e, int attempts, List<String> failures) {
        String message = e.getMessage() + " [after " + attempts + (attempts == 1 ? " failed attempt: " : " failed attempts: ")
                + list(failures) + "]";
        return new ModelCallException(e.kind(), message, attempts, e.status(), e.retryAfter().orElse(null), e.getCause());
    }

    private static ModelCallException cancelled(int attempts, List<String> failures) {
        if (failures.isEmpty()) {
            return new ModelCallException(Kind.CANCELLED, "the run was cancelled before this call started", 0);
        }
        return new ModelCallException(Kind.CANCELLED, "the run was cancelled; the call was not retried after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " (" + list(failures) + ")", attempts);
    }

    /** "HTTP 500, timeout, HTTP 429 ×12, HTTP 500": each failure in order, long runs of one failure counted. */
    static String list(List<String> failures) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < failures.size(); ) {
            int end = i;
            while (end < failures.size() && failures.get(end).equals(failures.get(i))) {
                end++;
            }
            int run = end - i;
            if (run > LONGEST_LISTED_RUN) {
                parts.add(failures.get(i) + " ×" + run);
            } else {
                parts.addAll(failures.subList(i, end));
            }
            i = end;
        }
        return String.join(", ", parts);
    }

    private static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
