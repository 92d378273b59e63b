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
 * increase, multiplicative decrease): it starts at {@code promptspec.concurrency}, the most it ever allows; each
 * rate-limited answer (HTTP 429) takes half a place away, and each answered attempt gives back {@code 2 / limit} of
 * one (one place per half a limit's worth of answers), back up to the maximum. It never falls below one.
 *
 * <p>So a round of attempts answered all with 429 halves the limit, as TCP halves its window on loss, and a round in
 * which a share {@code s} of the attempts is rate-limited lowers it by {@code s / 2}: the decrease follows how much
 * of the load the server refused. That is what tells the two kinds of 429 apart without guessing. Under a real limit
 * (a server that serves K calls at once and refuses the rest at once) the refused share shrinks as the limit does,
 * and the limit settles a little above K. A server that refuses a fixed share of calls whatever the load (a 429 on
 * every fifth call) lowers it by a tenth per round while the answers raise it by 1.6: it stays near the maximum, where
 * halving once per round would drive it to 2 or 3 and the run to a crawl, since those 429s do not stop when the load
 * drops.
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
        /** HTTP 429, slow down: takes half a place away. */
        RATE_LIMITED,
        /** Any other failure: says nothing about the rate, so changes nothing. */
        FAILED
    }

    private static final long CANCELLATION_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final int max;
    private final IntConsumer lowered;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    /** The limit with its fraction: places are taken away and given back in parts of one. */
    private double level;
    private int limit;
    private int inFlight;
    private int lowest;
    /**
     * @param max     {@code promptspec.concurrency}
     * @param lowered told the new limit after every decrease (outside the limit's lock)
     */
    public AdaptiveConcurrencyLimit(int max, IntConsumer lowered) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
        this.level = max;
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

    /** The whole places in {@link #level} (a sum of thirds may fall a hair short of the whole it makes). */
    private int places() {
        return (int) (level + 1e-9);
    }

    private Permit grant() {
        inFlight++;
        return new Permit();
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
            if (outcome == Outcome.RATE_LIMITED) {
                level = Math.max(1, level - 0.5);
                if (places() < limit) {
                    limit = places();
                    lowest = Math.min(lowest, limit);
                    loweredTo = limit;
                }
            } else if (outcome == Outcome.SUCCEEDED && level < max) {
                level = Math.min(max, level + 2.0 / limit);
                limit = places();
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
        private boolean released;

        private Permit() {
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
