package dev.promptspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/**
 * The time source and the way to wait that retries and rate limits use. Injectable so that tests of
 * backoff and pacing run in microseconds instead of really waiting.
 */
@API(status = INTERNAL, since = "0.1")
public interface Timing {

    /** The JVM's monotonic clock and {@link Thread#sleep}. */
    Timing SYSTEM = new Timing() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            long nanos = duration.toNanos();
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        }
    };

    /** Longest single sleep while waiting, so a cancellation is noticed within this time. */
    Duration CANCELLATION_CHECK = Duration.ofMillis(50);

    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits {@code duration} unless {@code cancelled} turns true first (checked every
     * {@link #CANCELLATION_CHECK}) or the thread is interrupted.
     *
     * @return true when the whole wait passed, false when it was cut short
     */
    default boolean sleepUnlessCancelled(Duration duration, BooleanSupplier cancelled) {
        long end = nanoTime() + duration.toNanos();
        try {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                long left = end - nanoTime();
                if (left <= 0) {
                    return true;
                }
                sleep(Duration.ofNanos(Math.min(left, CANCELLATION_CHECK.toNanos())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
