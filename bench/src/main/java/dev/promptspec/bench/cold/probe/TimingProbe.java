package dev.promptspec.bench.cold.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Time stamps of the phases of a forked JUnit run, for {@code ColdRun}'s start-up breakdown. {@code ColdRun} puts it on
 * the forked JVM's class path in a jar of its own (with the {@code META-INF/services} entries that register it), never
 * on the benchmarks' class path, and turns it on with the system property {@value #FILE}: each event is a line
 * {@code <event> <System.nanoTime()>} in that file. On Linux {@code System.nanoTime()} is {@code CLOCK_MONOTONIC}, one
 * clock for every process of the machine, so the harness subtracts the instant it started the fork.
 *
 * <p>With {@value #PAUSE_AT} = n, the JUnit thread stops once n tests have finished, writes {@code paused}, and waits
 * (at most two minutes) for the file {@code <file>.resume}: the harness takes a heap histogram of a run that still holds
 * everything it holds near its end.
 *
 * <p>It costs a few lines at the phases, a shutdown hook, and an increment per finished test.
 */
@API(status = INTERNAL, since = "0.1")
public final class TimingProbe implements LauncherSessionListener, LauncherDiscoveryListener, TestExecutionListener {

    /** System property: the events file. Without it the probe does nothing. */
    public static final String FILE = "promptspec.bench.probe";
    /** System property: pause after this many finished tests. */
    public static final String PAUSE_AT = "promptspec.bench.probe.pause-at";

    private static final Path OUT = System.getProperty(FILE) == null ? null : Path.of(System.getProperty(FILE));
    private static final int PAUSE = Integer.getInteger(PAUSE_AT, -1);
    private static final AtomicInteger FINISHED = new AtomicInteger();

    private static synchronized void event(String name) {
        if (OUT == null) {
            return;
        }
        try {
            Files.writeString(OUT, name + " " + System.nanoTime() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The CPU time of each thread still alive as the JVM exits (JIT compilers, GC, the launcher's main thread...), and
     * the process's total: lines {@code cpu <ticks> <thread name>} and {@code cpu-total <ticks>}, in USER_HZ ticks
     * (10 ms). Threads that ended before (the engine's pool, the HTTP client's workers) are the difference.
     */
    private static void threadCpu() {
        StringBuilder sb = new StringBuilder();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    sb.append("cpu ").append(ticks(Files.readString(task.resolve("stat")))).append(' ').append(name).append('\n');
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
            sb.append("cpu-total ").append(ticks(Files.readString(Path.of("/proc/self/stat")))).append('\n');
            Files.writeString(OUT, sb.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // not Linux: no breakdown
        }
    }

    /** utime + stime of a {@code /proc/.../stat} line. */
    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        event("session-opened");
        if (OUT != null) {
            // when the JVM begins to exit (ConsoleLauncher calls System.exit): what follows is shutdown hooks and teardown
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                event("shutdown-started");
                threadCpu();
            }, "probe-shutdown"));
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        event("session-closed");
    }

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        event("discovery-started");
    }

    @Override
    public void launcherDiscoveryFinished(LauncherDiscoveryRequest request) {
        event("discovery-finished");
    }

    @Override
    public void engineDiscoveryStarted(UniqueId engineId) {
        event("engine-discovery-started:" + engineId.getLastSegment().getValue());
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        event("execution-started");
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        event("execution-finished");
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        int n = FINISHED.incrementAndGet();
        if (n == 1) {
            event("first-test-finished");
        }
        if (n == PAUSE && OUT != null) {
            event("paused");
            Path resume = Path.of(OUT + ".resume");
            long until = System.nanoTime() + 120_000_000_000L;
            while (!Files.exists(resume) && System.nanoTime() < until) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            event("resumed");
        }
    }
}
