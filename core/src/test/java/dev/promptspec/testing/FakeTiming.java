package dev.promptspec.testing;

import dev.promptspec.model.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when someone sleeps, and remembers every sleep: backoff and pacing without waiting. */
public final class FakeTiming implements Timing {

    private long now = 1_000_000_000L;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now += duration.toNanos();
    }

    public synchronized void advance(Duration d) {
        now += d.toNanos();
    }

    /** Sum of all sleeps so far. */
    public synchronized Duration slept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
