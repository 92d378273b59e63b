package dev.promptspec.testing;

import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.model.recording.Recording;
import dev.promptspec.model.recording.RecordingStore;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptCompiler;
import dev.promptspec.run.RequestBuilder;
import dev.promptspec.run.RunConfig;
import dev.promptspec.spec.PromptSource;
import dev.promptspec.spec.TestCase;
import dev.promptspec.yaml.YamlLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Maintainers' tool: stores a hand-written answer as the recording of one test case, for example suites
 * built on machines that reach no model. The entry says so in its {@code note}; recording for real
 * ({@code -Dpromptspec.mode=record}) replaces it.
 *
 * <p>Arguments: prompt file on disk, its classpath name, recordings directory, case key, answer file, model id
 * the answer imitates.
 */
public final class WriteFixtureRecording {

    private WriteFixtureRecording() {
    }

    public static void main(String[] args) throws Exception {
        Path promptPath = Path.of(args[0]);
        String name = args[1];
        RecordingStore store = new RecordingStore(Path.of(args[2]));
        String caseKey = args[3];
        String answer = Files.readString(Path.of(args[4]), StandardCharsets.UTF_8);
        String imitated = args[5];
        PromptSource source = new PromptSource(name, promptPath.toUri(), Optional.of(promptPath),
                Files.readString(promptPath, StandardCharsets.UTF_8));
        CompiledPrompt prompt = new PromptCompiler(YamlLimits.DEFAULTS, EvaluatorRegistry.load(WriteFixtureRecording.class.getClassLoader()))
                .compile(source);
        TestCase tc = prompt.fileOrThrow().testData().stream().filter(t -> t.key().equals(caseKey)).findFirst().orElseThrow();
        ModelRequest request = RequestBuilder.build(prompt.fileOrThrow(), tc, RunConfig.defaults());
        int inputChars = request.messages().stream().mapToInt(m -> m.content().length()).sum();
        ModelResponse response = new ModelResponse(answer, new TokenUsage(inputChars / 4, answer.length() / 4), Duration.ZERO,
                "stop", null, 0, ModelResponse.Origin.RECORDED);
        store.save(name, new Recording(caseKey, "prompt", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), request, response,
                "Hand-written fixture in the style of " + imitated + " (no model is reachable where the examples are built);"
                        + " usage estimated at 4 characters per token. Re-record with -Dpromptspec.mode=record."));
        System.out.println("wrote " + store.fileFor(name));
    }
}
