package dev.promptspec.bench;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
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
 * (a) Wall time of a whole suite of N cases whose model answers after L ms, with concurrency C, through the
 * JUnit engine (discovery, calls over loopback HTTP, evaluation, reporting). The ideal is N·L/C: the ratio
 * of the score to it says how much PromptSpec adds on top of the model's latency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
@API(status = INTERNAL, since = "0.1")
public class SuiteThroughputBenchmark {

    @Param("64")
    public int cases;

    @Param("100")
    public int latencyMs;

    @Param({"4", "8", "16"})
    public int concurrency;

    private Suite suite;

    @Setup(Level.Trial)
    public void start() {
        suite = new Suite(cases, Duration.ofMillis(latencyMs));
    }

    @Benchmark
    public void suite() {
        suite.run("live", concurrency);
    }

    @TearDown(Level.Trial)
    public void stop() {
        suite.close();
        System.out.printf("%nideal N·L/C = %d ms (divide the score by it for the ratio)%n", (long) cases * latencyMs / concurrency);
    }
}
