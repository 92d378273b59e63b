package dev.promptspec.config;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How failed model calls are retried: exponential backoff with full jitter, or the wait the server asked
 * for, never longer than {@code maxWait}.
 *
 * @param maxRetries   retries after the first attempt ({@code promptspec.retries}); 0 disables retrying
 * @param initialDelay the backoff ceiling of the first retry; it doubles with every retry
 * @param maxWait      the longest wait before one retry; a server asking for more is not retried
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxWait) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60));
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
        if (initialDelay.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /**
     * The wait before retry number {@code retry} (1 for the first) when the server named none: uniformly
     * random between zero and {@code min(maxWait, initialDelay * 2^(retry-1))} ("full jitter"), so clients
     * that failed together do not retry together.
     */
    public Duration backoff(int retry, DoubleSupplier random) {
        long ceiling = initialDelay.toMillis() << Math.min(Math.max(retry - 1, 0), 20);
        ceiling = Math.min(ceiling, maxWait.toMillis());
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }

    /**
     * The wait before a retry when the server asked for {@code asked}: that, plus up to 10% so that the calls
     * told to come back at the same moment do not all arrive at that moment.
     */
    public Duration serverWait(Duration asked, DoubleSupplier random) {
        long jitter = (long) (random.getAsDouble() * asked.toMillis() * 0.1);
        return asked.plusMillis(jitter);
    }
}
