package dev.promptspec.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.config.Keys;
import dev.promptspec.config.PriceTable;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Timing;
import dev.promptspec.model.cost.BudgetGuard;
import dev.promptspec.model.cost.RunUsage;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.sampling.SamplingPlan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * One run of prompt files: the model client chain, the recordings, and a bounded pool that works on cases
 * ahead of whoever reports them. Submitting every case up front makes a suite of N cases at latency L
 * take about N·L/C with concurrency C, even when the test framework reports them one at a time.
 *
 * <p>Cancellation ({@code cancelled} turning true, e.g. JUnit's fail-fast) stops the run from starting
 * anything new: queued cases end as cancelled without calling, and calls waiting for a retry, a rate-limit
 * slot or a concurrency permit give up. Calls already in flight finish.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PromptRun implements AutoCloseable {

    private final RunConfig config;
    private final PromptCompiler compiler;
    private final ModelClients clients;
    private final CaseRunner runner;
    private final Map<SuppliedModel, CaseRunner> suppliedRunners = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    private final BooleanSupplier cancelled;
    private final Clock clock;
    private final Timing timing;
    /** The run's cases waiting before a retry or for the rate limit, each lending its place in the pool meanwhile. */
    private int waiting;

    public PromptRun(RunConfig config, EvaluatorRegistry registry, Clock clock, BooleanSupplier cancelled) {
        this(config, registry, clock, Timing.SYSTEM, cancelled);
    }

    /** @param timing how retries and rate limits wait (tests pass a fake) */
    public PromptRun(RunConfig config, EvaluatorRegistry registry, Clock clock, Timing timing, BooleanSupplier cancelled) {
        this.config = config;
        this.compiler = new PromptCompiler(config.limits(), registry).withStrict(config.strict())
                .withSampling(List.of(config.sampling()));
        this.cancelled = cancelled;
        this.clock = clock;
        this.timing = timing;
        this.pool = new ThreadPoolExecutor(config.concurrency(), config.concurrency(), 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamedDaemonThreads());
        this.clients = new ModelClients(config, clock, lendingPlacesWhileWaiting(timing), cancelled);
        this.runner = new CaseRunner(clients.prompts(), clients.judges(), config, Providers.servedModel(config));
    }

    /**
     * Starts preparing, on a daemon thread, what the first model call of a run with {@code config} will need (the HTTP
     * client, the provider's request and response mapping), so that it is ready when the first case calls: a driver
     * calls this as soon as it knows the configuration, before it reads the prompt files. Nothing is sent and nothing
     * stays open; the run creates its own client as usual. Does nothing (and returns empty) for a run that cannot call
     * a model: {@code replay}, {@code validate}, a named provider, or no key for a remote endpoint.
     *
     * @return the thread doing it, if one was started
     */
    public static Optional<Thread> warmUpInBackground(RunConfig config) {
        if (!Providers.warmsUp(config)) {
            return Optional.empty();
        }
        Thread t = new Thread(() -> {
            try {
                Providers.warmUp(config);
            } catch (RuntimeException | LinkageError e) {
                // only a head start: the run's first call creates its client and reports any problem itself
            }
        }, "promptspec-warm-up");
        t.setDaemon(true);
        t.start();
        return Optional.of(t);
    }

    public RunConfig config() {
        return config;
    }

    /**
     * Loads the file and builds its evaluators with this run's limits and evaluator kinds: for drivers other than the
     * JUnit engine, which compiles during discovery, before any run exists.
     */
    public CompiledPrompt compile(PromptSource source) {
        return compiler.compile(source);
    }

    /** Starts the case on the pool (in submission order) and returns its eventual result. */
    public CompletableFuture<CaseResult> submit(CompiledPrompt prompt, TestCase testCase) {
        return submit(prompt, testCase, null);
    }

    /**
     * Starts the case on the pool, answered by {@code model} instead of the run's provider.
     *
     * @param model a model supplied in code, or null for the run's provider
     */
    public CompletableFuture<CaseResult> submit(CompiledPrompt prompt, TestCase testCase, SuppliedModel model) {
        return submit(prompt, testCase, model, () -> { });
    }

    /**
     * Starts the case on the pool, telling {@code started} when a worker really begins it, so a driver can report the
     * case's own duration rather than the time it waited in the queue. A case the run was cancelled before it started
     * never begins: its result has a {@code CANCELLED} error and {@code started} is not called.
     *
     * @param model   a model supplied in code, or null for the run's provider
     * @param started called on the worker, before anything of the case runs
     */
    public CompletableFuture<CaseResult> submit(CompiledPrompt prompt, TestCase testCase, SuppliedModel model, Runnable started) {
        return submit(prompt, testCase, null, model, started);
    }

    private CompletableFuture<CaseResult> submit(CompiledPrompt prompt, TestCase testCase, String modelUnderTest, SuppliedModel model,
            Runnable started) {
        return CompletableFuture.supplyAsync(() -> {
            if (cancelled.getAsBoolean()) {
                return cancelledBeforeStart(prompt, testCase);
            }
            started.run();
            return runnerFor(model).run(prompt, testCase, modelUnderTest);
        }, pool);
    }

    /**
     * Starts the case on the pool like {@link #submit(CompiledPrompt, TestCase, SuppliedModel, Runnable)}; when the
     * case is sampled ({@link CompiledPrompt#samplingPlan}), draws its samples as the plan decides, each a task of the
     * pool, telling {@code samples} as each starts and ends. The result is then the samples' verdict
     * ({@link CaseResult#sampling()}).
     */
    public CompletableFuture<CaseResult> submit(CompiledPrompt prompt, TestCase testCase, SuppliedModel model, Runnable started,
            SampleListener samples) {
        return submit(prompt, testCase, null, model, started, samples);
    }

    /**
     * Starts the case on the pool like {@link #submit(CompiledPrompt, TestCase, SuppliedModel, Runnable, SampleListener)},
     * run on {@code modelUnderTest}: one of the models of a run of several ({@link ModelSelection#modelsOf}). Its calls
     * are recorded and replayed apart from the other models' (a sampled case is sampled on each model on its own); its
     * judges keep their own model.
     *
     * @param modelUnderTest the model the case runs on, or null for the file's own
     */
    public CompletableFuture<CaseResult> submit(CompiledPrompt prompt, TestCase testCase, String modelUnderTest, SuppliedModel model,
            Runnable started, SampleListener samples) {
        SamplingPlan plan = prompt.samplingPlan(testCase);
        if (!plan.isSampled() || config.mode() == RecordingMode.VALIDATE) {
            return submit(prompt, testCase, modelUnderTest, model, started);
        }
        return CaseSampling.submit(plan, prompt, testCase, modelUnderTest, () -> runnerFor(model), pool, cancelled, started, samples);
    }

    /** Runs the case on the calling thread (a sampled case's samples on the pool, waiting for its verdict). */
    public CaseResult run(CompiledPrompt prompt, TestCase testCase) {
        if (prompt.samplingPlan(testCase).isSampled() && config.mode() != RecordingMode.VALIDATE) {
            return submit(prompt, testCase, null, null, () -> { }, SampleListener.NONE).join();
        }
        return runUnlessCancelled(prompt, testCase, null);
    }

    /**
     * The batch step ({@link RunConfig#batch()}), before any of {@code cases} runs: every call they will make that has no
     * matching recording is sent through the provider's Batch API and awaited, its answer written to the recordings; the
     * cases then run on those answers. Does nothing (and returns empty) when batch mode is off, or in a mode that makes no
     * calls ({@code replay}, {@code mutate}, {@code validate}).
     *
     * @param cases     the cases answered by the run's provider (not by a {@link SuppliedModel})
     * @param directory where the ids of the run's jobs are kept, so that an interrupted run resumes them (the build's
     *                  output directory)
     * @throws IllegalStateException when the jobs are still running after {@code promptspec.batch.max-wait}, or the run
     *                               was cancelled while it waited: the message names the jobs, which the next run resumes
     */
    public Optional<BatchSummary> callInBatches(List<PlannedCase> cases, Path directory) {
        if (!config.batch().enabled() || config.mode().replaysOnly() || config.mode() == RecordingMode.VALIDATE) {
            return Optional.empty();
        }
        if (config.customClient().isPresent() || !config.provider().isOpenAi()) {
            throw new IllegalStateException(Keys.BATCH + "=true needs the OpenAI-compatible provider, "
                    + "whose Batch API it uses; this run's provider is " + Providers.name(config));
        }
        Path state = directory.resolve("promptspec-batch-" + BatchRuns.suiteFingerprint(cases) + ".json");
        return Optional.of(new BatchPhase(config, clients.store(), clients.batchAnswers(), clients.budget(), clock)
                .run(cases, () -> BatchRuns.jobs(config, timing, cancelled, state)));
    }

    /**
     * The checks of {@code prompt} on {@code answer}, an answer for {@code testCase} that did not come from its call (a
     * mutant of its recorded response, say), exactly as the case is judged; judges call through the run's chain under
     * the case's own name, as the case's judges do.
     *
     * @param model           the model supplied in code that answers the case, or null for the run's provider
     * @param evaluatorFilter which checks to make, by evaluator name ({@code expected} for the implicit one)
     * @throws IllegalArgumentException when the filter leaves no check
     */
    public CaseResult checkAnswer(CompiledPrompt prompt, TestCase testCase, SuppliedModel model, ModelResponse answer,
            Predicate<String> evaluatorFilter) {
        return checkAnswer(prompt, testCase, null, model, answer, evaluatorFilter);
    }

    /**
     * {@link #checkAnswer(CompiledPrompt, TestCase, SuppliedModel, ModelResponse, Predicate)} for the case as it runs on
     * {@code caseModel} in a run of several models (null: its file's own model): its request and its judges' calls are
     * made, and replayed, under that model.
     */
    public CaseResult checkAnswer(CompiledPrompt prompt, TestCase testCase, String caseModel, SuppliedModel model,
            ModelResponse answer, Predicate<String> evaluatorFilter) {
        return AnswerChecks.run(runnerFor(model).answering(answer), prompt, testCase, caseModel, evaluatorFilter);
    }

    /** What the run's calls used so far: live and replayed, tokens, estimated cost, retries. */
    public RunUsage usage() {
        return clients.meter().snapshot();
    }

    /** The prices used for cost estimates. */
    public PriceTable prices() {
        return config.calls().prices();
    }

    /** The run's live spending against its budget. */
    public BudgetGuard budget() {
        return clients.budget();
    }

    private CaseResult runUnlessCancelled(CompiledPrompt prompt, TestCase testCase, SuppliedModel model) {
        if (cancelled.getAsBoolean()) {
            return cancelledBeforeStart(prompt, testCase);
        }
        return runnerFor(model).run(prompt, testCase);
    }

    private static CaseResult cancelledBeforeStart(CompiledPrompt prompt, TestCase testCase) {
        return new CaseResult(prompt.source().name(), testCase, null, null, List.of(),
                new ModelCallException(ModelCallException.Kind.CANCELLED, "the run was cancelled before this case started", 0),
                Duration.ZERO);
    }

    private CaseRunner runnerFor(SuppliedModel model) {
        if (model == null) {
            return runner;
        }
        return suppliedRunners.computeIfAbsent(model, m -> {
            var client = clients.promptsFor(m);
            // The class's model also judges, unless the run names a judge endpoint of its own: that is explicit.
            var judge = config.judgeEndpoint().isPresent() ? clients.judges() : client;
            return new CaseRunner(client, judge, config, m.modelName());
        });
    }

    /**
     * {@code timing}, whose waits (backoff before a retry, pacing by the rate limit) on one of the run's case threads lend
     * that thread's place in the pool: the pool grows by one for the wait, so the next case starts instead of the run
     * idling behind a case that sleeps. Calls in flight stay capped by the run's concurrency limit, which the waiting
     * case holds no permit of; when the wait ends, the pool shrinks back as soon as one of its threads is idle.
     */
    private Timing lendingPlacesWhileWaiting(Timing timing) {
        return new Timing() {
            @Override
            public long nanoTime() {
                return timing.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                timing.sleep(duration);
            }

            @Override
            public boolean sleepUnlessCancelled(Duration duration, BooleanSupplier stop) {
                if (!(Thread.currentThread() instanceof CaseThread t) || t.pool != pool || duration.isNegative() || duration.isZero()) {
                    return timing.sleepUnlessCancelled(duration, stop);
                }
                lend(1);
                try {
                    return timing.sleepUnlessCancelled(duration, stop);
                } finally {
                    lend(-1);
                }
            }
        };
    }

    private synchronized void lend(int places) {
        waiting += places;
        int size = config.concurrency() + waiting;
        if (places > 0) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size); // starts a thread for the next queued case, if there is one
        } else {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.close();
    }

    private final class NamedDaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new CaseThread(r, "promptspec-case-" + count.incrementAndGet(), PromptRun.this);
            t.setDaemon(true);
            return t;
        }
    }

    /** A thread of a run's case pool: its waits lend its place (see {@link #lendingPlacesWhileWaiting}). */
    private static final class CaseThread extends Thread {
        private final ThreadPoolExecutor pool;

        CaseThread(Runnable r, String name, PromptRun run) {
            super(r, name);
            this.pool = run.pool;
        }
    }
}
