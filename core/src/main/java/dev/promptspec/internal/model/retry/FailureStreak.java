package dev.promptspec.internal.model.retry;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * The run's attempts that failed in a row with faults other than rate limits, across every call. Retrying a server
 * that fails now and then is right; retrying one that is down only makes every case wait for the whole retry budget.
 * Past {@code threshold} failures in a row (none succeeded in between) the server looks down and calls stop retrying,
 * until an attempt succeeds again.
 */
@API(status = INTERNAL, since = "0.1")
public final class FailureStreak {

    /** Never looks down: for a client on its own (tests, one-off calls). */
    public static final FailureStreak NONE = new FailureStreak(Integer.MAX_VALUE);

    private final int threshold;
    private final AtomicInteger streak = new AtomicInteger();

    public FailureStreak(int threshold) {
        this.threshold = threshold;
    }

    /** For a run of {@code concurrency} calls at once: twice as many failures in a row as can be in flight, at least 8. */
    public static FailureStreak forConcurrency(int concurrency) {
        return new FailureStreak(Math.max(8, 2 * concurrency));
    }

    void succeeded() {
        streak.set(0);
    }

    /** Counts a failed attempt; true when the server now looks down. */
    boolean failedAndLooksDown() {
        return streak.incrementAndGet() >= threshold;
    }

    int threshold() {
        return threshold;
    }
}
