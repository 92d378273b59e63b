package dev.promptspec.config;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.apiguardian.api.API;

/**
 * How failed model calls are retried. A rate-limited attempt (HTTP 429) is retried for as long as the call's waits
 * before retries add up to no more than {@code maxTotalWait}; any other failure that may pass with time is retried at
 * most {@code maxRetries} times, within the same total. Each wait is the one the server asked for, never longer than
 * {@code maxWait}, else exponential backoff with jitter.
 *
 * @param maxRetries   retries after the first attempt of failures other than rate limits ({@code promptspec.retries});
 *                     0 disables retrying altogether, rate limits included
 * @param initialDelay the backoff ceiling of the first retry; it doubles with every retry
 * @param maxWait      the longest wait before one retry; a server asking for more is not retried
 * @param maxTotalWait the most one call waits before its retries, all together ({@code promptspec.retry.max-total-wait})
 */
@API(status = MAINTAINED, since = "0.1")
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxWait, Duration maxTotalWait) {

    /** The default {@code maxTotalWait}: long enough to ride out a provider's per-minute limit several times over. */
    public static final Duration DEFAULT_MAX_TOTAL_WAIT = Duration.ofMinutes(5);

    public static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(60));
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
        if (initialDelay.isNegative() || maxWait.isNegative() || maxTotalWait.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** With the default {@code maxTotalWait}, {@link #DEFAULT_MAX_TOTAL_WAIT}. */
    public RetryPolicy(int maxRetries, Duration initialDelay, Duration maxWait) {
        this(maxRetries, initialDelay, maxWait, DEFAULT_MAX_TOTAL_WAIT);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first) when the server named none: uniformly
     * random between zero and {@code min(maxWait, initialDelay * 2^(retry-1))} ("full jitter"), so clients
     * that failed together do not retry together.
     */
    public Duration backoff(int retry, DoubleSupplier random) {
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling(initialDelay.toMillis(), retry)));
    }

    /**
     * The wait before the call's {@code retry}-th retry after a rate limit: uniformly random between half and all of
     * the backoff ceiling ("equal jitter"), never less than what the server asked for ({@code asked}, zero when it
     * named no wait) plus up to 10%. Unlike {@link #backoff}, it grows with every rate limit whatever the random
     * numbers, so a call that is refused again and again spends {@code maxTotalWait} in a bounded number of attempts,
     * and a server that names no wait or a short one is not hammered.
     */
    public Duration rateLimitWait(int retry, Duration asked, DoubleSupplier random) {
        // from at least 1 ms, so that it grows even when initialDelay is zero
        long ceiling = Math.max(1, ceiling(Math.max(initialDelay.toMillis(), 1), retry));
        Duration backoff = Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2)));
        Duration server = asked.isZero() ? Duration.ZERO : serverWait(asked, random);
        return server.compareTo(backoff) > 0 ? server : backoff;
    }

    /**
     * The wait before a retry when the server asked for {@code asked}: that, plus up to 10% so that the calls
     * told to come back at the same moment do not all arrive at that moment.
     */
    public Duration serverWait(Duration asked, DoubleSupplier random) {
        long jitter = (long) (random.getAsDouble() * asked.toMillis() * 0.1);
        return asked.plusMillis(jitter);
    }

    /** {@code min(maxWait, initial * 2^(retry-1))}, in milliseconds. */
    private long ceiling(long initialMillis, int retry) {
        long ceiling = initialMillis << Math.min(Math.max(retry - 1, 0), 20);
        return Math.min(ceiling, maxWait.toMillis());
    }
}
