package dev.promptspec.run;

import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.spec.PromptSource;
import dev.promptspec.spec.TestCase;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One run of prompt files: the model client chain, the recordings, and a bounded pool that works on cases
 * ahead of whoever reports them. Submitting every case up front makes a suite of N cases at latency L
 * take about N·L/C with concurrency C, even when the test framework reports them one at a time.
 */
public final class PromptRun implements AutoCloseable {

    private final RunConfig config;
    private final PromptCompiler compiler;
    private final CaseRunner runner;
    private final ExecutorService pool;
    private final BooleanSupplier cancelled;

    public PromptRun(RunConfig config, EvaluatorRegistry registry, Clock clock, BooleanSupplier cancelled) {
        this.config = config;
        this.compiler = new PromptCompiler(config.limits(), registry);
        this.cancelled = cancelled;
        ModelClients clients = new ModelClients(config, clock);
        this.runner = new CaseRunner(clients.prompts(), clients.judges(), config);
        this.pool = Executors.newFixedThreadPool(config.concurrency(), new NamedDaemonThreads());
    }

    public RunConfig config() {
        return config;
    }

    public CompiledPrompt compile(PromptSource source) {
        return compiler.compile(source);
    }

    /** Starts the case on the pool (in submission order) and returns its eventual result. */
    public CompletableFuture<CaseResult> submit(CompiledPrompt prompt, TestCase testCase) {
        return CompletableFuture.supplyAsync(() -> runUnlessCancelled(prompt, testCase), pool);
    }

    /** Runs the case on the calling thread. */
    public CaseResult run(CompiledPrompt prompt, TestCase testCase) {
        return runUnlessCancelled(prompt, testCase);
    }

    private CaseResult runUnlessCancelled(CompiledPrompt prompt, TestCase testCase) {
        if (cancelled.getAsBoolean()) {
            return new CaseResult(prompt.source().name(), testCase, null, null, List.of(),
                    new ModelCallException(ModelCallException.Kind.CANCELLED, "the run was cancelled before this case started", 0),
                    java.time.Duration.ZERO);
        }
        return runner.run(prompt, testCase);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class NamedDaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "promptspec-case-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
