package dev.promptspec.internal.model.limit;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.config.RateLimit;
import dev.promptspec.model.Timing;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/**
 * Paces calls to a {@link RateLimit} with two token buckets (requests, tokens) that refill continuously and
 * hold one second's worth: {@code requests-per-minute=120} lets two calls start at once, then one every
 * half second. Providers enforce their per-minute limits in such short slices too, so pacing this way
 * avoids 429s instead of provoking them.
 *
 * <p>A caller reserves its share and then waits outside the lock, so waiting callers are served in
 * arrival order and none is starved. Token use is estimated before a call and corrected with the real
 * usage after it ({@link #settle}); overdrafts delay the next callers.
 */
@API(status = INTERNAL, since = "0.1")
public final class RateLimiter {

    private final Timing timing;
    private final Bucket requests;
    private final Bucket tokens;

    public RateLimiter(RateLimit limit, Timing timing) {
        this.timing = timing;
        long now = timing.nanoTime();
        this.requests = limit.requestsPerMinute() > 0 ? new Bucket(limit.requestsPerMinute(), now) : null;
        this.tokens = limit.tokensPerMinute() > 0 ? new Bucket(limit.tokensPerMinute(), now) : null;
    }

    /**
     * Waits until a call estimated at {@code estimatedTokens} may start.
     *
     * @return false when the wait was cut short by cancellation or interruption
     */
    public boolean acquire(int estimatedTokens, BooleanSupplier cancelled) {
        long waitNanos = reserve(estimatedTokens);
        return waitNanos <= 0 || timing.sleepUnlessCancelled(Duration.ofNanos(waitNanos), cancelled);
    }

    /** Reserves the call's share now and says how long the caller must wait before starting it. */
    synchronized long reserve(int estimatedTokens) {
        long now = timing.nanoTime();
        long wait = 0;
        if (requests != null) {
            wait = Math.max(wait, requests.reserve(1, now));
        }
        if (tokens != null) {
            wait = Math.max(wait, tokens.reserve(Math.max(estimatedTokens, 1), now));
        }
        return wait;
    }

    /** Corrects the token estimate of a finished call with what it really used. */
    public synchronized void settle(int estimatedTokens, int actualTokens) {
        if (tokens != null && actualTokens >= 0) {
            tokens.adjust(actualTokens - Math.max(estimatedTokens, 1), timing.nanoTime());
        }
    }

    /** A bucket of one second's worth of a per-minute allowance, refilling continuously; it may go into debt. */
    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double available;
        private long last;

        Bucket(long perMinute, long now) {
            this.perNano = perMinute / 60e9;
            this.capacity = Math.max(1.0, perMinute / 60.0);
            this.available = capacity;
            this.last = now;
        }

        long reserve(double amount, long now) {
            refill(now);
            // A request larger than the bucket waits for a full bucket, then leaves it in debt.
            double need = Math.min(amount, capacity);
            long wait = available >= need ? 0 : (long) Math.ceil((need - available) / perNano);
            available -= amount;
            return wait;
        }

        void adjust(double extra, long now) {
            refill(now);
            available = Math.min(capacity, available - extra);
        }

        private void refill(long now) {
            if (now > last) {
                available = Math.min(capacity, available + (now - last) * perNano);
                last = now;
            }
        }
    }
}
