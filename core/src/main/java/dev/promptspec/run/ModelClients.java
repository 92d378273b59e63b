package dev.promptspec.run;

import dev.promptspec.config.RunConfig;
import dev.promptspec.internal.model.recording.RecordingClient;
import dev.promptspec.internal.model.recording.RecordingStore;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.Timing;
import dev.promptspec.model.cost.BudgetGuard;
import dev.promptspec.model.cost.UsageMeter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Builds the chain every model call of a run goes through:
 *
 * <pre>
 * usage meter → [batch answers] → recording (replay/record) → [created on first live call] retry → concurrency (AIMD) → rate limit
 *   → budget → timeout (watchdog) → provider
 * </pre>
 *
 * The meter and recordings see every call; replayed answers never reach the limits, so replays are never
 * throttled and cost nothing. Prompt calls and judge calls share the recordings, so judged suites replay
 * offline too. A {@link SuppliedModel} gets its own chain over the same recordings, limits, budget and meter.
 */
final class ModelClients implements AutoCloseable {

    private final RunConfig config;
    private final RecordingStore store;
    private final Clock clock;
    private final RunLimits limits;
    private final UsageMeter meter;
    private final BatchAnswers batchAnswers = new BatchAnswers();
    private final List<LazyProvider> providers = new CopyOnWriteArrayList<>();
    private final Map<SuppliedModel, ModelClient> supplied = new ConcurrentHashMap<>();
    private final ModelClient prompts;
    private final ModelClient judges;

    ModelClients(RunConfig config, Clock clock, Timing timing, BooleanSupplier cancelled) {
        this(config, clock, timing, cancelled, new RecordingStore(config.recordingsDir()));
    }

    ModelClients(RunConfig config, Clock clock, Timing timing, BooleanSupplier cancelled, RecordingStore store) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.meter = new UsageMeter(config.calls().prices(), config.concurrency());
        this.limits = new RunLimits(config, timing, cancelled, meter);
        this.prompts = chain(new LazyProvider(() -> Providers.create(config), Providers.name(config)));
        // A judge on its own endpoint gets its own provider, over the same recordings, limits and meter.
        this.judges = config.judgeEndpoint()
                .map(j -> chain(new LazyProvider(() -> Providers.openAi(config, j, KeyHelp.forJudge(j, config.endpoint())),
                        j.toString())))
                .orElse(prompts);
    }

    /** The client for the prompts' own calls. */
    ModelClient prompts() {
        return prompts;
    }

    /** The client for model-graded evaluators. */
    ModelClient judges() {
        return judges;
    }

    /** The client for the prompts (and judges) of files whose cases a {@link SuppliedModel} answers. */
    ModelClient promptsFor(SuppliedModel model) {
        return supplied.computeIfAbsent(model, m -> chain(new LazyProvider(m.client()::get, m.description())));
    }

    UsageMeter meter() {
        return meter;
    }

    BudgetGuard budget() {
        return limits.budget();
    }

    RecordingStore store() {
        return store;
    }

    /** What a batch step answered: every chain reads it before the recordings. */
    BatchAnswers batchAnswers() {
        return batchAnswers;
    }

    private ModelClient chain(LazyProvider provider) {
        providers.add(provider);
        return meter.meter(batchAnswers.over(new RecordingClient(config.mode(), store, provider, clock)));
    }

    /**
     * Closes the providers and the limits' watchdog, and writes the recordings not written yet.
     *
     * @throws IllegalStateException when recordings cannot be written: the run must not end as if they were kept
     */
    @Override
    public void close() {
        try {
            for (LazyProvider p : providers) {
                p.close();
            }
            limits.close();
        } finally {
            store.close();
        }
    }

    /**
     * Builds the provider client on first use, so replay-only runs never need a key (or Docker); remembers a
     * failure to build it, so every case reports the same reason without trying again.
     */
    private final class LazyProvider implements RecordingClient.LiveClient, AutoCloseable {
        private final SuppliedModel.Supplier source;
        private final String name;
        private ModelClient raw;
        private ModelClient client;
        private ModelCallException failure;

        LazyProvider(SuppliedModel.Supplier source, String name) {
            this.source = source;
            this.name = name;
        }

        @Override
        public synchronized ModelClient get() throws ModelCallException {
            if (client == null && failure == null) {
                try {
                    raw = source.get();
                    client = limits.decorate(raw, name);
                } catch (ModelCallException e) {
                    failure = e;
                } catch (RuntimeException e) {
                    Redactor redactor = Providers.redactor(config);
                    failure = new ModelCallException(ModelCallException.Kind.CONFIGURATION, name + " could not be created: "
                            + redactor.redact(e.toString()), 0, 0, redactor.redact(e));
                }
            }
            if (failure != null) {
                throw failure;
            }
            return client;
        }

        @Override
        public synchronized void close() {
            if (raw instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a provider (stopping a container) at the end of the run; nothing left to report to
                }
            }
        }
    }
}
