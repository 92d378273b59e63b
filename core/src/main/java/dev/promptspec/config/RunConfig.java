package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.model.ModelClient;
import dev.promptspec.sampling.SamplingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Everything a run is configured with: how it calls models, where it keeps recordings and reports, how strictly it
 * reads prompt files. The one typed form of the {@link Keys}: {@link SettingsReader} builds it from configuration
 * values, read once per run; any driver (the JUnit engine, a CLI) passes it on as it is.
 *
 * @param mode          replay, record, live, auto, validate or mutate ({@value Keys#MODE})
 * @param endpoint      the OpenAI-compatible endpoint; its key may be null ({@value Keys#OPENAI_BASE_URL},
 *                      {@value Keys#OPENAI_API_KEY})
 * @param customClient  INTERNAL, for PromptSpec's own tests: a client used instead of the endpoint. Users supply a model
 *                      with {@code @PromptModel}, modules with a {@code ModelProviderFactory}
 * @param modelOverride replaces every file's model ({@value Keys#MODEL})
 * @param defaultModel  the model of files that name none ({@value Keys#DEFAULT_MODEL})
 * @param judgeModel    the model of judges that name none, else the prompt's model ({@value Keys#JUDGE_MODEL})
 * @param recordingsDir where recordings are read and written ({@value Keys#RECORDINGS_DIR})
 * @param concurrency   model calls in flight at once ({@value Keys#CONCURRENCY})
 * @param timeout       per call attempt ({@value Keys#TIMEOUT})
 * @param limits        bounds on the prompt files read ({@code promptspec.limits.*})
 * @param judgeEndpoint where judges' calls go when not to {@code endpoint} ({@value Keys#JUDGE_BASE_URL},
 *                      {@value Keys#JUDGE_API_KEY})
 * @param calls         retries, rate limits, budget and prices of live calls
 * @param provider      which provider answers ({@value Keys#PROVIDER}); {@code openai} uses {@code endpoint}
 * @param strict        every warning about a prompt file is an error ({@value Keys#STRICT})
 * @param reports       where reports go ({@value Keys#REPORTS_DIR})
 * @param sampling      the configuration's sampling settings ({@value Keys#SAMPLES}, {@value Keys#PASS_RATE},
 *                      {@value Keys#CONFIDENCE}, {@code promptspec.sampling.*}); files, entries and classes override them
 * @param batch         whether and how calls go through the provider's Batch API ({@value Keys#BATCH}, {@code promptspec.batch.*})
 * @param mutationThreshold in {@code mutate} mode, the mutation score a case must reach to pass, 0 to 1
 *                      ({@value Keys#MUTATION_THRESHOLD}); 0 reports without failing
 * @param models        the models every case runs on, each its own test ({@value Keys#MODELS}); empty: each file's own
 *                      model. A file's {@code models:} wins over it
 * @param progress      whether the console shows a progress line ({@value Keys#PROGRESS})
 * @param baseline      an earlier run's JSON report to compare with ({@value Keys#BASELINE})
 * @param failOn        what fails the build ({@value Keys#FAIL_ON}); {@code REGRESSIONS} only with a baseline
 * @param shard         the share of the cases this run runs ({@value Keys#SHARD}); empty: every case
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RunConfig(
        RecordingMode mode,
        OpenAiEndpoint endpoint,
        @API(status = INTERNAL, since = "0.1") Optional<ModelClient> customClient,
        Optional<String> modelOverride,
        Optional<String> defaultModel,
        Optional<String> judgeModel,
        Path recordingsDir,
        int concurrency,
        Duration timeout,
        YamlLimits limits,
        Optional<OpenAiEndpoint> judgeEndpoint,
        CallPolicy calls,
        ProviderChoice provider,
        boolean strict,
        ReportsLocation reports,
        SamplingSettings sampling,
        BatchSettings batch,
        double mutationThreshold,
        List<String> models,
        ProgressMode progress,
        Optional<Path> baseline,
        FailOn failOn,
        Optional<Shard> shard) {

    public static final int DEFAULT_CONCURRENCY = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final Path DEFAULT_RECORDINGS_DIR = Path.of("src", "test", "promptspec", "recordings");

    public RunConfig {
        judgeEndpoint = judgeEndpoint == null ? Optional.empty() : judgeEndpoint;
        calls = calls == null ? CallPolicy.defaults() : calls;
        provider = provider == null ? ProviderChoice.DEFAULT : provider;
        reports = reports == null ? ReportsLocation.DEFAULT : reports;
        sampling = sampling == null ? SamplingSettings.NONE : sampling;
        batch = batch == null ? BatchSettings.OFF : batch;
        models = models == null ? List.of() : List.copyOf(models);
        progress = progress == null ? ProgressMode.AUTO : progress;
        baseline = baseline == null ? Optional.empty() : baseline;
        failOn = failOn == null ? FailOn.ANY_FAILURE : failOn;
        shard = shard == null ? Optional.empty() : shard;
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (!(mutationThreshold >= 0 && mutationThreshold <= 1)) {
            throw new IllegalArgumentException("the mutation threshold must be from 0 to 1, was " + mutationThreshold);
        }
    }

    /**
     * A configuration without batch mode, baseline or shard, whose mutation threshold is 0 (mutation scores reported,
     * never failed), on each file's own model, with the progress line as the terminal decides.
     */
    public RunConfig(RecordingMode mode, OpenAiEndpoint endpoint, Optional<ModelClient> customClient, Optional<String> modelOverride,
            Optional<String> defaultModel, Optional<String> judgeModel, Path recordingsDir, int concurrency, Duration timeout,
            YamlLimits limits, Optional<OpenAiEndpoint> judgeEndpoint, CallPolicy calls, ProviderChoice provider, boolean strict,
            ReportsLocation reports, SamplingSettings sampling) {
        this(mode, endpoint, customClient, modelOverride, defaultModel, judgeModel, recordingsDir, concurrency, timeout, limits,
                judgeEndpoint, calls, provider, strict, reports, sampling, BatchSettings.OFF, 0, List.of(), ProgressMode.AUTO,
                Optional.empty(), FailOn.ANY_FAILURE, Optional.empty());
    }

    /** A configuration without sampling settings (one sample per case unless a file says otherwise). */
    public RunConfig(RecordingMode mode, OpenAiEndpoint endpoint, Optional<ModelClient> customClient, Optional<String> modelOverride,
            Optional<String> defaultModel, Optional<String> judgeModel, Path recordingsDir, int concurrency, Duration timeout,
            YamlLimits limits, Optional<OpenAiEndpoint> judgeEndpoint, CallPolicy calls, ProviderChoice provider, boolean strict,
            ReportsLocation reports) {
        this(mode, endpoint, customClient, modelOverride, defaultModel, judgeModel, recordingsDir, concurrency, timeout, limits,
                judgeEndpoint, calls, provider, strict, reports, SamplingSettings.NONE);
    }

    /** Every key at its default: auto mode against OpenAI with no key (replays work; live calls say how to set one). */
    public static RunConfig defaults() {
        return new RunConfig(RecordingMode.AUTO, new OpenAiEndpoint(OpenAiEndpoint.OPENAI, null, null), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_RECORDINGS_DIR, DEFAULT_CONCURRENCY,
                DEFAULT_TIMEOUT, YamlLimits.DEFAULTS, Optional.empty(), CallPolicy.defaults(), ProviderChoice.DEFAULT, false,
                ReportsLocation.DEFAULT);
    }

    public RunConfig withMode(RecordingMode m) {
        return with(b -> b.mode = m);
    }

    public RunConfig withEndpoint(OpenAiEndpoint e) {
        return with(b -> b.endpoint = e);
    }

    public RunConfig withRecordingsDir(Path dir) {
        return with(b -> b.recordingsDir = dir);
    }

    public RunConfig withModels(Optional<String> override, Optional<String> defaultModel) {
        return with(b -> {
            b.modelOverride = override;
            b.defaultModel = defaultModel;
        });
    }

    public RunConfig withConcurrency(int c) {
        return with(b -> b.concurrency = c);
    }

    public RunConfig withTimeout(Duration t) {
        return with(b -> b.timeout = t);
    }

    public RunConfig withLimits(YamlLimits l) {
        return with(b -> b.limits = l);
    }

    @API(status = INTERNAL, since = "0.1")
    public RunConfig withCustomClient(ModelClient client) {
        return with(b -> b.customClient = Optional.ofNullable(client));
    }

    public RunConfig withJudgeEndpoint(OpenAiEndpoint judge) {
        return with(b -> b.judgeEndpoint = Optional.ofNullable(judge));
    }

    public RunConfig withJudgeModel(String model) {
        return with(b -> b.judgeModel = Optional.ofNullable(model));
    }

    public RunConfig withCalls(CallPolicy c) {
        return with(b -> b.calls = c);
    }

    public RunConfig withProvider(ProviderChoice p) {
        return with(b -> b.provider = p);
    }

    public RunConfig withStrict(boolean s) {
        return with(b -> b.strict = s);
    }

    public RunConfig withReports(ReportsLocation r) {
        return with(b -> b.reports = r);
    }

    public RunConfig withSampling(SamplingSettings s) {
        return with(b -> b.sampling = s);
    }

    public RunConfig withBatch(BatchSettings b) {
        return with(c -> c.batch = b);
    }

    /** A copy with some components changed: one place that lists them all, so the withers stay one-liners. */
    private RunConfig with(Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return new RunConfig(b.mode, b.endpoint, b.customClient, b.modelOverride, b.defaultModel, b.judgeModel,
                b.recordingsDir, b.concurrency, b.timeout, b.limits, b.judgeEndpoint, b.calls, b.provider, b.strict, b.reports,
                b.sampling, b.batch, b.mutationThreshold, b.models, b.progress, b.baseline, b.failOn, b.shard);
    }

    /** The mutable twin used by {@link #with}. */
    private static final class Copy {
        RecordingMode mode;
        OpenAiEndpoint endpoint;
        Optional<ModelClient> customClient;
        Optional<String> modelOverride;
        Optional<String> defaultModel;
        Optional<String> judgeModel;
        Path recordingsDir;
        int concurrency;
        Duration timeout;
        YamlLimits limits;
        Optional<OpenAiEndpoint> judgeEndpoint;
        CallPolicy calls;
        ProviderChoice provider;
        boolean strict;
        ReportsLocation reports;
        SamplingSettings sampling;
        BatchSettings batch;
        double mutationThreshold;
        List<String> models;
        ProgressMode progress;
        Optional<Path> baseline;
        FailOn failOn;
        Optional<Shard> shard;

        Copy(RunConfig c) {
            mode = c.mode;
            endpoint = c.endpoint;
            customClient = c.customClient;
            modelOverride = c.modelOverride;
            defaultModel = c.defaultModel;
            judgeModel = c.judgeModel;
            recordingsDir = c.recordingsDir;
            concurrency = c.concurrency;
            timeout = c.timeout;
            limits = c.limits;
            judgeEndpoint = c.judgeEndpoint;
            calls = c.calls;
            provider = c.provider;
            strict = c.strict;
            reports = c.reports;
            sampling = c.sampling;
            batch = c.batch;
            mutationThreshold = c.mutationThreshold;
            models = c.models;
            progress = c.progress;
            baseline = c.baseline;
            failOn = c.failOn;
            shard = c.shard;
        }
    }
}
