package dev.promptspec.run;

import dev.promptspec.model.ModelClient;
import dev.promptspec.model.openai.OpenAiEndpoint;
import dev.promptspec.model.provider.ProviderChoice;
import dev.promptspec.model.recording.RecordingMode;
import dev.promptspec.yaml.YamlLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a run calls models and where it keeps recordings. Built by the JUnit engine from configuration
 * parameters and the environment (or by any other driver); core itself reads no configuration.
 *
 * @param mode           replay, record, live or auto
 * @param endpoint       the OpenAI-compatible endpoint; its key may be null
 * @param missingKeyHelp what to tell a user whose mode needs a key that is not set: which variable or property
 * @param customClient   a model supplied by the user (their own langchain4j ChatModel), used instead of the endpoint
 * @param modelOverride  replaces every file's model ({@code promptspec.model})
 * @param defaultModel   the model of files that name none ({@code promptspec.default-model})
 * @param judgeModel     the model of judges that name none, else the prompt's model ({@code promptspec.judge.model})
 * @param recordingsDir  where recordings are read and written
 * @param concurrency    model calls in flight at once
 * @param timeout        per call attempt
 * @param limits         bounds on the prompt files read
 * @param calls          retries, rate limits, budget and prices of live calls
 * @param provider       which provider answers ({@code promptspec.provider}); {@code openai} uses {@code endpoint}
 */
public record RunConfig(
        RecordingMode mode,
        OpenAiEndpoint endpoint,
        String missingKeyHelp,
        Optional<ModelClient> customClient,
        Optional<String> modelOverride,
        Optional<String> defaultModel,
        Optional<String> judgeModel,
        Path recordingsDir,
        int concurrency,
        Duration timeout,
        YamlLimits limits,
        CallPolicy calls,
        ProviderChoice provider) {

    public static final int DEFAULT_CONCURRENCY = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final Path DEFAULT_RECORDINGS_DIR = Path.of("src", "test", "promptspec", "recordings");

    public RunConfig {
        calls = calls == null ? CallPolicy.defaults() : calls;
        provider = provider == null ? ProviderChoice.DEFAULT : provider;
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
    }

    /** Replay-only defaults against OpenAI, for tests and tools. */
    public static RunConfig defaults() {
        return new RunConfig(RecordingMode.AUTO, new OpenAiEndpoint(OpenAiEndpoint.OPENAI, null, null),
                "set the environment variable OPENAI_API_KEY", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_RECORDINGS_DIR, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, YamlLimits.DEFAULTS, CallPolicy.defaults(),
                ProviderChoice.DEFAULT);
    }

    public RunConfig withMode(RecordingMode m) {
        return new RunConfig(m, endpoint, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, recordingsDir,
                concurrency, timeout, limits, calls, provider);
    }

    public RunConfig withEndpoint(OpenAiEndpoint e) {
        return new RunConfig(mode, e, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, recordingsDir,
                concurrency, timeout, limits, calls, provider);
    }

    public RunConfig withRecordingsDir(Path dir) {
        return new RunConfig(mode, endpoint, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, dir,
                concurrency, timeout, limits, calls, provider);
    }

    public RunConfig withModels(Optional<String> override, Optional<String> defaultModel) {
        return new RunConfig(mode, endpoint, missingKeyHelp, customClient, override, defaultModel, judgeModel, recordingsDir,
                concurrency, timeout, limits, calls, provider);
    }

    public RunConfig withConcurrency(int c) {
        return new RunConfig(mode, endpoint, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, recordingsDir,
                c, timeout, limits, calls, provider);
    }

    public RunConfig withCustomClient(ModelClient client) {
        return new RunConfig(mode, endpoint, missingKeyHelp, Optional.ofNullable(client), modelOverride, defaultModel, judgeModel,
                recordingsDir, concurrency, timeout, limits, calls, provider);
    }

    public RunConfig withCalls(CallPolicy c) {
        return new RunConfig(mode, endpoint, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, recordingsDir,
                concurrency, timeout, limits, c, provider);
    }

    public RunConfig withTimeout(Duration t) {
        return new RunConfig(mode, endpoint, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, recordingsDir,
                concurrency, t, limits, calls, provider);
    }

    public RunConfig withProvider(ProviderChoice p) {
        return new RunConfig(mode, endpoint, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, recordingsDir,
                concurrency, timeout, limits, calls, p);
    }
}
