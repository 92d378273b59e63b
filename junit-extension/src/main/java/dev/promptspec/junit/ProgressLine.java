package dev.promptspec.junit;

import dev.promptspec.internal.util.Durations;
import dev.promptspec.internal.util.Money;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The run's progress on the console, for long runs: one line (cases done of all, failures, cost so far, time spent,
 * time left), rewritten in place with {@code \r} at most once per {@link #INTERVAL} however fast cases end, and ended
 * with a newline when the run is over. Between case ends a {@link Ticker} redraws it every {@link #TICK}, so the time
 * spent and the time left move during a long stretch of slow model calls. Thread-safe: cases end on the run's workers,
 * ticks come from the ticker's thread.
 */
final class ProgressLine {

    /** The least time between two rewrites: a few a second, readable and cheap whatever the pace of the cases. */
    static final Duration INTERVAL = Duration.ofMillis(250);
    /** How often the line is redrawn while no case ends: often enough that the seconds on it count up one by one. */
    static final Duration TICK = Duration.ofMillis(500);

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final DoubleSupplier costSoFar;
    private final int total;
    private final Ticker ticker;
    private final long startedAt;
    private int done;
    private int failed;
    /** When the first case ended: the pace is measured from there, not from the start, which the JVM's warm-up slows. */
    private long firstEndedAt;
    private long drawnAt;
    private boolean drawn;
    private boolean finished;
    /** Stops the ticks; set by {@link #start()}. */
    private Runnable stopTicking = () -> { };
    /** The length of the line on screen, so a shorter line blanks what the longer one leaves. */
    private int width;

    /**
     * @param out       where the line goes (the error stream: the output stream belongs to the build's own output)
     * @param nanoTime  the clock the interval and the times are measured on
     * @param total     how many cases the run reports
     * @param costSoFar the estimated US dollars the run's live calls cost so far
     * @param ticker    what calls {@link #tick()} every {@link #TICK} from {@link #start()} to {@link #finish()}
     */
    ProgressLine(PrintStream out, LongSupplier nanoTime, int total, DoubleSupplier costSoFar, Ticker ticker) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.total = total;
        this.costSoFar = costSoFar;
        this.ticker = ticker;
        this.startedAt = nanoTime.getAsLong();
    }

    /** Shows the line before the first case ends, and starts the ticks. */
    synchronized void start() {
        draw(nanoTime.getAsLong(), text(startedAt));
        stopTicking = ticker.every(TICK, this::tick);
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
        redrawIfDue(now);
    }

    /** Time passed: the line is rewritten with the time spent and left as of now, if it is time and the run is not over. */
    synchronized void tick() {
        if (!finished) {
            redrawIfDue(nanoTime.getAsLong());
        }
    }

    /**
     * The run is over: the ticks stop, the line shows its last state, then a newline, so whatever the build prints next
     * starts on its own line. Once only: a second call (the run's cleanup after a failure) does nothing.
     */
    void finish() {
        stop();
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            long now = nanoTime.getAsLong();
            draw(now, counts() + ", done in " + Durations.words(Duration.ofMillis((now - startedAt) / 1_000_000)));
            out.print('\n');
            out.flush();
        }
    }

    /**
     * Stops the ticks and waits for a tick under way (outside the lock, which that tick may be waiting for); what is on
     * screen stays. For a run that ends by a failure before {@link #finish()}.
     */
    void stop() {
        Runnable stop;
        synchronized (this) {
            stop = stopTicking;
            stopTicking = () -> { };
        }
        stop.run();
    }

    private void redrawIfDue(long now) {
        if (!drawn || now - drawnAt >= INTERVAL.toNanos()) {
            draw(now, text(now));
        }
    }

    /**
     * {@code PromptSpec: 37/120 cases, 3 failed, $0.0123 spent, 1 min 12 s in, about 1 min 5 s left}: the whole seconds
     * spent once there is one, and the time left at the pace since the first case ended, once there is one.
     */
    private String text(long now) {
        long spent = (now - startedAt) / 1_000_000_000L;
        String line = counts() + (spent >= 1 ? ", " + Durations.words(Duration.ofSeconds(spent)) + " in" : "");
        if (done < 2 || done >= total) {
            return line;
        }
        long left = (now - firstEndedAt) / (done - 1) * (total - done);
        return line + ", about " + Durations.words(Duration.ofSeconds(Math.max(1, Math.round(left / 1e9)))) + " left";
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
