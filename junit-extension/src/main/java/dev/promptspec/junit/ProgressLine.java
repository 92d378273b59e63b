package dev.promptspec.junit;

import dev.promptspec.internal.util.Durations;
import dev.promptspec.internal.util.Money;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The run's progress on the console, for long runs: one line (cases done of all, failures, cost so far, time left),
 * rewritten in place with {@code \r} at most once per {@link #INTERVAL} however fast cases end, and ended with a newline
 * when the run is over. Thread-safe: cases end on the run's workers.
 */
final class ProgressLine {

    /** The least time between two rewrites: a few a second, readable and cheap whatever the pace of the cases. */
    static final Duration INTERVAL = Duration.ofMillis(250);

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final DoubleSupplier costSoFar;
    private final int total;
    private final long startedAt;
    private int done;
    private int failed;
    /** When the first case ended: the pace is measured from there, not from the start, which the JVM's warm-up slows. */
    private long firstEndedAt;
    private long drawnAt;
    private boolean drawn;
    /** The length of the line on screen, so a shorter line blanks what the longer one leaves. */
    private int width;

    /**
     * @param out       where the line goes (the error stream: the output stream belongs to the build's own output)
     * @param nanoTime  the clock the interval and the time left are measured on
     * @param total     how many cases the run reports
     * @param costSoFar the estimated US dollars the run's live calls cost so far
     */
    ProgressLine(PrintStream out, LongSupplier nanoTime, int total, DoubleSupplier costSoFar) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.total = total;
        this.costSoFar = costSoFar;
        this.startedAt = nanoTime.getAsLong();
    }

    /** Shows the line before the first case ends. */
    synchronized void start() {
        draw(nanoTime.getAsLong(), text(startedAt));
    }

    /** A case ended (a failure: its checks failed, or it could not be judged); the line is rewritten if it is time. */
    synchronized void ended(boolean failure) {
        done++;
        long now = nanoTime.getAsLong();
        if (done == 1) {
            firstEndedAt = now;
        }
        if (failure) {
            failed++;
        }
        if (!drawn || now - drawnAt >= INTERVAL.toNanos()) {
            draw(now, text(now));
        }
    }

    /** The run is over: the line's last state, then a newline, so whatever the build prints next starts on its own line. */
    synchronized void finish() {
        long now = nanoTime.getAsLong();
        draw(now, counts() + ", done in " + Durations.words(Duration.ofMillis((now - startedAt) / 1_000_000)));
        out.print('\n');
        out.flush();
    }

    /**
     * {@code PromptSpec: 37/120 cases, 3 failed, $0.0123 spent, about 1 min 5 s left}: the time left at the pace since the
     * first case ended, once there is one.
     */
    private String text(long now) {
        if (done < 2 || done >= total) {
            return counts();
        }
        long left = (now - firstEndedAt) / (done - 1) * (total - done);
        return counts() + ", about " + Durations.words(Duration.ofSeconds(Math.max(1, Math.round(left / 1e9)))) + " left";
    }

    private String counts() {
        return "PromptSpec: " + done + "/" + total + (total == 1 ? " case, " : " cases, ") + failed + " failed, "
                + Money.format(costSoFar.getAsDouble()) + " spent";
    }

    private void draw(long now, String line) {
        int blank = Math.max(0, width - line.length());
        out.print("\r" + line + " ".repeat(blank));
        out.flush();
        width = line.length();
        drawnAt = now;
        drawn = true;
    }
}
