package dev.promptspec.internal.model.openai.batch;

import dev.promptspec.internal.util.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

/**
 * The line that says how a run's batch jobs are doing while it waits: requests submitted, in progress, completed and
 * failed, and the time waited. Rewritten in place ({@code \r}) at most once per {@link #INTERVAL}, and ended with a
 * newline when the wait is over. Writes nothing when the run does not show progress.
 */
final class BatchProgress {

    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final PrintStream out;
    private long lastNanos = Long.MIN_VALUE;
    private boolean shown;

    /** @param out where the line goes (stderr), or null for no line */
    BatchProgress(PrintStream out) {
        this.out = out;
    }

    /** The line for {@code jobs}, {@code waited} after the wait began. */
    static String line(Collection<BatchApi.Job> jobs, Duration waited) {
        int total = 0;
        int completed = 0;
        int failed = 0;
        int ended = 0;
        for (BatchApi.Job j : jobs) {
            total += j.total();
            completed += j.completed();
            failed += j.failed();
            ended += j.ended() ? 1 : 0;
        }
        int inProgress = Math.max(0, total - completed - failed);
        return String.format(Locale.ROOT, "PromptSpec batch: %d of %d %s ended; %d requests submitted, %d in progress, %d completed, "
                + "%d failed (%s)", ended, jobs.size(), jobs.size() == 1 ? "job" : "jobs", total, inProgress, completed, failed,
                Durations.words(waited));
    }

    /** Shows the line unless one was shown less than {@link #INTERVAL} ago ({@code nowNanos} on the run's clock). */
    void update(Collection<BatchApi.Job> jobs, Duration waited, long nowNanos) {
        if (out == null || lastNanos != Long.MIN_VALUE && nowNanos - lastNanos < INTERVAL.toNanos()) {
            return;
        }
        lastNanos = nowNanos;
        out.print("\r" + line(jobs, waited));
        out.flush();
        shown = true;
    }

    /** Ends the line with the final state, if a line was shown. */
    void finish(Collection<BatchApi.Job> jobs, Duration waited) {
        if (out == null || !shown) {
            return;
        }
        out.print("\r" + line(jobs, waited) + System.lineSeparator());
        out.flush();
        shown = false;
    }
}
