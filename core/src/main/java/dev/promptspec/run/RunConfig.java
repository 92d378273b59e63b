package dev.promptspec.run;

import dev.promptspec.model.ModelClient;
import dev.promptspec.model.openai.OpenAiEndpoint;
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
 * @param judgeEndpoint  where judges' calls go when not to {@code endpoint} ({@code promptspec.judge.base-url},
 *                       {@code promptspec.judge.api-key})
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
        Optional<JudgeEndpoint> judgeEndpoint) {

    public static final int DEFAULT_CONCURRENCY = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final Path DEFAULT_RECORDINGS_DIR = Path.of("src", "test", "promptspec", "recordings");

    public RunConfig {
        judgeEndpoint = judgeEndpoint == null ? Optional.empty() : judgeEndpoint;
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
    }

    /** Replay-only defaults against OpenAI, for tests and tools. */
    public static RunConfig defaults() {
        return new RunConfig(RecordingMode.AUTO, new OpenAiEndpoint(OpenAiEndpoint.OPENAI, null, null),
                "set the environment variable OPENAI_API_KEY", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_RECORDINGS_DIR, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, YamlLimits.DEFAULTS,
                Optional.empty());
    }

    public RunConfig withMode(RecordingMode m) {
        return new RunConfig(m, endpoint, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, recordingsDir,
                concurrency, timeout, limits, judgeEndpoint);
    }

    public RunConfig withEndpoint(OpenAiEndpoint e) {
        return new RunConfig(mode, e, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, recordingsDir,
                concurrency, timeout, limits, judgeEndpoint);
    }

    public RunConfig withRecordingsDir(Path dir) {
        return new RunConfig(mode, endpoint, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, dir,
                concurrency, timeout, limits, judgeEndpoint);
    }

    public RunConfig withModels(Optional<String> override, Optional<String> defaultModel) {
        return new RunConfig(mode, endpoint, missingKeyHelp, customClient, override, defaultModel, judgeModel, recordingsDir,
                concurrency, timeout, limits, judgeEndpoint);
    }

    public RunConfig withConcurrency(int c) {
        return new RunConfig(mode, endpoint, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, recordingsDir,
                c, timeout, limits, judgeEndpoint);
    }

    public RunConfig withJudgeEndpoint(JudgeEndpoint judge) {
        return new RunConfig(mode, endpoint, missingKeyHelp, customClient, modelOverride, defaultModel, judgeModel, recordingsDir,
                concurrency, timeout, limits, Optional.ofNullable(judge));
    }

    public RunConfig withJudgeModel(String model) {
        return new RunConfig(mode, endpoint, missingKeyHelp, customClient, modelOverride, defaultModel, Optional.ofNullable(model),
                recordingsDir, concurrency, timeout, limits, judgeEndpoint);
    }

    public RunConfig withCustomClient(ModelClient client) {
        return new RunConfig(mode, endpoint, missingKeyHelp, Optional.ofNullable(client), modelOverride, defaultModel, judgeModel,
                recordingsDir, concurrency, timeout, limits, judgeEndpoint);
    }
}
