package dev.promptspec.run;

import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.openai.OpenAiClients;
import dev.promptspec.model.recording.RecordingClient;
import dev.promptspec.model.recording.RecordingStore;
import dev.promptspec.spec.PromptSource;
import dev.promptspec.spec.TestCase;
import java.time.Clock;
import java.util.ArrayList;
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
    private final ModelClient client;

    public PromptRun(RunConfig config, EvaluatorRegistry registry, Clock clock, BooleanSupplier cancelled) {
        this.config = config;
        this.compiler = new PromptCompiler(config.limits(), registry);
        this.cancelled = cancelled;
        RecordingStore store = new RecordingStore(config.recordingsDir());
        this.client = new RecordingClient(config.mode(), store, new LazyLiveClient(config), clock);
        this.runner = new CaseRunner(client, config);
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

    /** Builds the provider client on first use, so replay-only runs never need a key. */
    private static final class LazyLiveClient implements RecordingClient.LiveClient {
        private final RunConfig config;
        private volatile ModelClient client;

        LazyLiveClient(RunConfig config) {
            this.config = config;
        }

        @Override
        public ModelClient get() throws ModelCallException {
            ModelClient c = client;
            if (c != null) {
                return c;
            }
            synchronized (this) {
                if (client == null) {
                    client = create();
                }
                return client;
            }
        }

        private ModelClient create() throws ModelCallException {
            if (config.customClient().isPresent()) {
                return config.customClient().get();
            }
            if (config.endpoint().apiKey() == null && !config.endpoint().isLocal()) {
                throw new ModelCallException(ModelCallException.Kind.MISSING_CREDENTIALS,
                        "no API key for " + config.endpoint() + ": " + config.missingKeyHelp(), 0);
            }
            List<dev.promptspec.model.Secret> secrets = new ArrayList<>();
            if (config.endpoint().apiKey() != null) {
                secrets.add(config.endpoint().apiKey());
            }
            return OpenAiClients.create(config.endpoint(), config.timeout(), new Redactor(secrets));
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
