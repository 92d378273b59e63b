package dev.promptspec.internal.model.limit;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.apiguardian.api.API;

/**
 * The run's limit on attempts in flight, which adapts to rate limits the way TCP adapts to congestion (additive
 * increase, multiplicative decrease): it starts at {@code promptspec.concurrency}, the most it ever allows; a
 * rate-limited answer (HTTP 429) halves it, and every {@code limit} successful attempts raise it by one, back up to the
 * maximum. It never falls below one.
 *
 * <p>A burst of 429s is one signal, not many: it halves the limit at most once per round of in-flight attempts. An
 * attempt that was already in flight when the limit was last halved cannot halve it again; only one that started
 * after that can, so sixteen 429s answered together halve 16 to 8, not to 1.
 *
 * <p>Permits are handed out in arrival order (a waiting caller is never overtaken by a later one), and a permit is
 * held until its attempt has really returned.
 */
@API(status = INTERNAL, since = "0.1")
public final class AdaptiveConcurrencyLimit {

    /** How an attempt ended, for the limit. */
    @API(status = INTERNAL, since = "0.1")
    public enum Outcome {
        /** Answered: counts towards raising the limit. */
        SUCCEEDED,
        /** HTTP 429, slow down: halves the limit (once per round). */
        RATE_LIMITED,
        /** Any other failure: says nothing about the rate, so changes nothing. */
        FAILED
    }

    private static final long CANCELLATION_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final int max;
    private final IntConsumer lowered;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int limit;
    private int inFlight;
    private int lowest;
    private int successes;
    /** Permits handed out so far: each permit's number. */
    private long issued;
    /** The last permit handed out before the latest decrease: rate limits up to it belong to the round that decreased. */
    private long roundEnd;

    /**
     * @param max     {@code promptspec.concurrency}
     * @param lowered told the new limit after every decrease (outside the limit's lock)
     */
    public AdaptiveConcurrencyLimit(int max, IntConsumer lowered) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
        this.limit = max;
        this.lowest = max;
        this.lowered = lowered;
    }

    /**
     * Waits for a permit, in arrival order.
     *
     * @return the permit, or null when {@code cancelled} turned true or the thread was interrupted first (the interrupt
     *         stays pending)
     */
    public Permit acquire(BooleanSupplier cancelled) {
        lock.lock();
        try {
            if (waiting.isEmpty() && inFlight < limit) {
                return grant();
            }
            Waiter w = new Waiter(lock.newCondition());
            waiting.add(w);
            boolean interrupted = false;
            while (w.permit == null && !interrupted && !cancelled.getAsBoolean()) {
                try {
                    w.ready.awaitNanos(CANCELLATION_CHECK_NANOS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (w.permit != null && !interrupted) {
                return w.permit;
            }
            waiting.remove(w);
            if (w.permit != null) {
                // granted while it was being interrupted: hand it on
                inFlight--;
                grantWaiting();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The limit now. */
    public int limit() {
        return locked(() -> limit);
    }

    /** The lowest the limit has been. */
    public int lowest() {
        return locked(() -> lowest);
    }

    /** Attempts holding a permit now. */
    public int inFlight() {
        return locked(() -> inFlight);
    }

    /** Callers waiting for a permit now. */
    int waiting() {
        return locked(waiting::size);
    }

    private int locked(IntSupplier read) {
        lock.lock();
        try {
            return read.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    private Permit grant() {
        inFlight++;
        return new Permit(++issued);
    }

    private void grantWaiting() {
        while (!waiting.isEmpty() && inFlight < limit) {
            Waiter w = waiting.poll();
            w.permit = grant();
            w.ready.signal();
        }
    }

    private void release(Permit p, Outcome outcome) {
        int loweredTo = 0;
        lock.lock();
        try {
            if (p.released) {
                return;
            }
            p.released = true;
            inFlight--;
            if (outcome == Outcome.RATE_LIMITED && p.number > roundEnd) {
                roundEnd = issued;
                successes = 0;
                if (limit > 1) {
                    limit = Math.max(1, limit / 2);
                    lowest = Math.min(lowest, limit);
                    loweredTo = limit;
                }
            } else if (outcome == Outcome.SUCCEEDED && limit < max && ++successes >= limit) {
                limit++;
                successes = 0;
            }
            grantWaiting();
        } finally {
            lock.unlock();
        }
        if (loweredTo > 0) {
            lowered.accept(loweredTo);
        }
    }

    /** The right to make one attempt; released once, when the attempt has returned. */
    @API(status = INTERNAL, since = "0.1")
    public final class Permit {
        private final long number;
        private boolean released;

        private Permit(long number) {
            this.number = number;
        }

        /** Gives the permit back, saying how the attempt ended; a second call does nothing. */
        public void release(Outcome outcome) {
            AdaptiveConcurrencyLimit.this.release(this, outcome);
        }
    }

    private static final class Waiter {
        final Condition ready;
        Permit permit;

        Waiter(Condition ready) {
            this.ready = ready;
        }
    }
}
