package dev.promptspec.internal.model.limit;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * Enforces the deadline of every attempt of a run with one scheduler thread for the whole run (started on the first
 * live attempt), instead of a thread per attempt: an attempt runs on the thread that makes the call, and when its
 * deadline passes the watchdog interrupts that thread. The JDK's HttpClient stops a {@code send} when its thread is
 * interrupted, so this also ends a response whose headers came and whose body then stalled.
 *
 * <p>Each attempt is a small state machine ({@link Attempt}): running, then either finished (the attempt returned
 * first) or expired (the deadline came first and the watchdog interrupted the thread). The interrupt is delivered
 * under the attempt's lock, and {@link Attempt#finish} takes that lock, so once {@code finish} has returned the
 * watchdog can never interrupt that thread for this attempt any more, and {@code finish} clears the interrupt it
 * caused: a late interrupt never leaks into the next attempt or into the case's own work.
 */
@API(status = INTERNAL, since = "0.1")
public final class Watchdog implements AutoCloseable {

    /** Runs a task after a delay; the returned handle cancels it. */
    @FunctionalInterface
    interface Scheduler {
        Future<?> schedule(Runnable task, long delayNanos);
    }

    private final Scheduler scheduler;
    private final LongSupplier clock;
    private final ScheduledThreadPoolExecutor executor;

    /** A watchdog on its own daemon thread, named {@code threadName}, on the JVM's monotonic clock. */
    public Watchdog(String threadName) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, n.incrementAndGet() == 1 ? threadName : threadName + "-" + n.get());
            t.setDaemon(true);
            return t;
        });
        // Nearly every attempt finishes before its deadline: drop its cancelled task at once, not when it would have run.
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = (task, nanos) -> executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
        this.clock = System::nanoTime;
    }

    /** For tests: deadlines fired by hand, on a clock of their own. */
    Watchdog(Scheduler scheduler, LongSupplier clock) {
        this.executor = null;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Starts watching an attempt that the calling thread is about to make; the thread must call {@link Attempt#finish}. */
    public Attempt start(Duration timeout) {
        Attempt a = new Attempt(Thread.currentThread());
        a.timer = scheduler.schedule(a::expire, timeout.toNanos());
        return a;
    }

    /** The time now, on the clock {@link Attempt#finish} compares with the moment the deadline fired. */
    public long now() {
        return clock.getAsLong();
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** One attempt, watched: created running; ends finished, or expired and then finished. */
    @API(status = INTERNAL, since = "0.1")
    public final class Attempt {
        private final Thread thread;
        private Future<?> timer;
        /** Guarded by {@code this}. */
        private State state = State.RUNNING;
        private long expiredAt;
        private boolean interruptedByUs;

        private Attempt(Thread thread) {
            this.thread = thread;
        }

        /** The deadline passed (on the watchdog's thread). */
        void expire() {
            synchronized (this) {
                if (state != State.RUNNING) {
                    return;
                }
                state = State.EXPIRED;
                expiredAt = clock.getAsLong();
                // An interrupt that is already pending is someone else's (the run shutting down): leave it to them.
                if (!thread.isInterrupted()) {
                    interruptedByUs = true;
                    thread.interrupt();
                }
            }
        }

        /**
         * Ends the watch, on the attempt's thread, once the attempt has returned or thrown; clears the interrupt the
         * watchdog caused, if it caused one.
         *
         * @param returnedAt {@link #now()} read as soon as the attempt returned
         * @return true when the deadline fired before the attempt returned: its result, if any, came too late (a
         *         response that came back before the deadline fired is kept, even when the watchdog got to the lock first)
         */
        public boolean finish(long returnedAt) {
            State was;
            boolean clear;
            synchronized (this) {
                was = state;
                state = State.FINISHED;
                clear = interruptedByUs;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            if (clear) {
                // Delivered inside the lock, so it is already pending: it cannot arrive after this line.
                Thread.interrupted();
            }
            return was == State.EXPIRED && returnedAt - expiredAt >= 0;
        }
    }

    private enum State {
        RUNNING, EXPIRED, FINISHED
    }
}
