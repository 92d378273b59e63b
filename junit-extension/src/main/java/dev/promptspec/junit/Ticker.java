package dev.promptspec.junit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs something every interval until told to stop: the progress line's redraws between case ends. */
@FunctionalInterface
interface Ticker {

    /** The name of the {@link #DAEMON} ticker's thread, for thread dumps. */
    String THREAD_NAME = "promptspec-progress";

    /**
     * One daemon thread per {@link #every} call (a run that is never finished cannot keep the JVM alive), stopped and
     * waited for when the returned action runs.
     */
    Ticker DAEMON = (interval, tick) -> {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(tick, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
        return () -> {
            thread.shutdownNow();
            try {
                thread.awaitTermination(interval.toMillis() * 4, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    };

    /**
     * Starts running {@code tick} every {@code interval}, the first time one interval from now.
     *
     * @return what stops it: no tick starts after it returns
     */
    Runnable every(Duration interval, Runnable tick);
}
