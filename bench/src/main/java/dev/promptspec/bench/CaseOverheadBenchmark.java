package dev.promptspec.bench;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (b) What PromptSpec itself costs per case, with no model latency: a suite of N cases either replayed from
 * recordings (no call at all: load, render, fingerprint, look up, evaluate, report) or called live over
 * loopback against a server that answers at once (adds our HTTP client, and the server's own CPU, which
 * runs in this process). Score: wall time per suite; the tear-down prints the process CPU time per case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 10)
@Fork(1)
@API(status = INTERNAL, since = "0.1")
public class CaseOverheadBenchmark {

    @Param("200")
    public int cases;

    @Param({"replay", "live"})
    public String mode;

    private Suite suite;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;
    private final List<Double> cpuMsPerCase = new ArrayList<>();

    @Setup(Level.Trial)
    public void start() {
        suite = new Suite(cases, Duration.ZERO);
        if (mode.equals("replay")) {
            suite.run("record", 8);
        }
    }

    @Setup(Level.Iteration)
    public void cpuBefore() {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Benchmark
    public void suite() {
        suite.run(mode, 8);
    }

    @TearDown(Level.Iteration)
    public void cpuAfter() {
        cpuMsPerCase.add((os.getProcessCpuTime() - cpuAtStart) / 1e6 / cases);
    }

    @TearDown(Level.Trial)
    public void stop() {
        suite.close();
        List<Double> measured = cpuMsPerCase.subList(Math.max(0, cpuMsPerCase.size() - 10), cpuMsPerCase.size());
        System.out.printf("%nprocess CPU per case (%s), last %d iterations: %s ms%n", mode, measured.size(),
                measured.stream().map(d -> String.format(java.util.Locale.ROOT, "%.3f", d)).toList());
    }
}
