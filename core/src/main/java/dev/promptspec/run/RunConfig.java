package dev.promptspec.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.internal.model.openai.OpenAiEndpoint;
import dev.promptspec.internal.model.recording.RecordingMode;
import dev.promptspec.internal.yaml.YamlLimits;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.provider.ProviderChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * How a run calls models and where it keeps recordings. Built by the JUnit engine from configuration
 * parameters and the environment (or by any other driver); core itself reads no configuration.
 *
 * @param mode           replay, record, live, auto or validate
 * @param endpoint       the OpenAI-compatible endpoint; its key may be null
 * @param missingKeyHelp what to tell a user whose mode needs a key that is not set: which variable or property
 * @param customClient   INTERNAL, for PromptSpec's own tests: a client used instead of the endpoint. Users supply a model
 *                       with {@code @PromptModel}, modules with a {@code ModelProviderFactory}
 * @param modelOverride  replaces every file's model ({@code promptspec.model})
 * @param defaultModel   the model of files that name none ({@code promptspec.default-model})
 * @param judgeModel     the model of judges that name none, else the prompt's model ({@code promptspec.judge.model})
 * @param recordingsDir  where recordings are read and written
 * @param concurrency    model calls in flight at once
 * @param timeout        per call attempt
 * @param limits         bounds on the prompt files read
 * @param judgeEndpoint  where judges' calls go when not to {@code endpoint} ({@code promptspec.judge.base-url},
 *                       {@code promptspec.judge.api-key})
 * @param calls          retries, rate limits, budget and prices of live calls
 * @param provider       which provider answers ({@code promptspec.provider}); {@code openai} uses {@code endpoint}
 */
public record RunConfig(
        RecordingMode mode,
        OpenAiEndpoint endpoint,
        String missingKeyHelp,
        @API(status = INTERNAL, since = "0.1") Optional<ModelClient> customClient,
        Optional<String> modelOverride,
        Optional<String> defaultModel,
        Optional<String> judgeModel,
        Path recordingsDir,
        int concurrency,
        Duration timeout,
        YamlLimits limits,
        Optional<JudgeEndpoint> judgeEndpoint,
        CallPolicy calls,
        ProviderChoice provider) {

    public static final int DEFAULT_CONCURRENCY = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final Path DEFAULT_RECORDINGS_DIR = Path.of("src", "test", "promptspec", "recordings");

    public RunConfig {
        judgeEndpoint = judgeEndpoint == null ? Optional.empty() : judgeEndpoint;
        calls = calls == null ? CallPolicy.defaults() : calls;
        provider = provider == null ? ProviderChoice.DEFAULT : provider;
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
    }

    /** Auto mode against OpenAI with no key: replays work, live calls explain how to set a key. */
    public static RunConfig defaults() {
        return new RunConfig(RecordingMode.AUTO, new OpenAiEndpoint(OpenAiEndpoint.OPENAI, null, null),
                "set the environment variable OPENAI_API_KEY", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_RECORDINGS_DIR, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, YamlLimits.DEFAULTS,
                Optional.empty(), CallPolicy.defaults(), ProviderChoice.DEFAULT);
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

    /** INTERNAL, for PromptSpec's own tests: see {@code customClient}. */
    @API(status = INTERNAL, since = "0.1")
    public RunConfig withCustomClient(ModelClient client) {
        return with(b -> b.customClient = Optional.ofNullable(client));
    }

    public RunConfig withJudgeEndpoint(JudgeEndpoint judge) {
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

    /** A copy with some components changed: one place that lists them all, so the withers stay one-liners. */
    private RunConfig with(Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return new RunConfig(b.mode, b.endpoint, b.missingKeyHelp, b.customClient, b.modelOverride, b.defaultModel, b.judgeModel,
                b.recordingsDir, b.concurrency, b.timeout, b.limits, b.judgeEndpoint, b.calls, b.provider);
    }

    /** The mutable twin used by {@link #with}. */
    private static final class Copy {
        RecordingMode mode;
        OpenAiEndpoint endpoint;
        String missingKeyHelp;
        Optional<ModelClient> customClient;
        Optional<String> modelOverride;
        Optional<String> defaultModel;
        Optional<String> judgeModel;
        Path recordingsDir;
        int concurrency;
        Duration timeout;
        YamlLimits limits;
        Optional<JudgeEndpoint> judgeEndpoint;
        CallPolicy calls;
        ProviderChoice provider;

        Copy(RunConfig c) {
            mode = c.mode;
            endpoint = c.endpoint;
            missingKeyHelp = c.missingKeyHelp;
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
        }
    }
}
