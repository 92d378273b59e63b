package dev.promptspec.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.junit.PromptSpec;
import dev.promptspec.junit.PromptSpecTestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The provider through the real engine: skipped cleanly without Docker, a real local model with it. */
class OllamaEngineTest {

    @PromptSpec("prompts/ollama")
    static class GreetingOnOllama {
    }

    static boolean dockerAvailable() {
        return Docker.isAvailable();
    }

    private static EngineTestKit.Builder kit(Path recordings, String mode) {
        return EngineTestKit.engine(new PromptSpecTestEngine())
                .configurationParameter("promptspec.provider", "ollama-container")
                .configurationParameter("promptspec.mode", mode)
                .configurationParameter("promptspec.recordings.dir", recordings.toString())
                .selectors(selectClass(GreetingOnOllama.class));
    }

    @Test
    void without_docker_the_cases_are_skipped_with_the_reason_not_failed(@TempDir Path dir) {
        assumeFalse(dockerAvailable(), "Docker is available here: the real-container test runs instead");
        EngineExecutionResults results = kit(dir, "live").execute();
        results.testEvents().assertStatistics(s -> s.started(2).aborted(2).failed(0).succeeded(0));
        results.testEvents().aborted().stream().forEach(e -> assertThat(e.getRequiredPayload(TestExecutionResult.class)
                .getThrowable()).get().extracting(Throwable::getMessage).asString()
                .contains("promptspec.provider=ollama-container needs Docker"));
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    @EnabledIf("dockerAvailable")
    void with_docker_a_real_local_model_answers_and_is_recorded(@TempDir Path dir) throws Exception {
        EngineExecutionResults results = kit(dir, "record").execute();
        results.testEvents().assertStatistics(s -> s.started(2));
        // Any verdict is the model's own; what must not happen is an error reaching it.
        results.testEvents().failed().stream().forEach(e -> assertThat(e.getRequiredPayload(TestExecutionResult.class)
                .getThrowable()).get().isInstanceOf(AssertionError.class));
        String recording = Files.readString(dir.resolve("prompts/ollama/greeting.recordings.yml"), StandardCharsets.UTF_8);
        assertThat(recording).contains("model: qwen2.5:0.5b").contains("case: Ada").contains("case: Grace");
    }
}
