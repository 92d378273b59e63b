package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.promptspec.config.Keys;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@code promptspec.mode=validate}: every file loaded and every case rendered, no model called, no recording read. */
class ValidateModeTest {

    @PromptSpec("prompts/validation")
    static class AllValidationFiles {
    }

    @Test
    void renders_every_case_without_calling_a_model_or_reading_recordings(@TempDir Path recordings) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.answering("This answer must never be requested.")) {
            var results = EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(Map.of("OPENAI_API_KEY", "sk-test-0000000000000000")))
                    .configurationParameter(Keys.MODE, "validate")
                    .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                    .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                    .selectors(selectClass(AllValidationFiles.class))
                    .execute();

            // broken: 1 failing file node; missing-variable: 1 pass + 1 fail; working: 2 passes
            results.testEvents().assertStatistics(s -> s.started(5).succeeded(3).failed(2));
            results.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName("no language"),
                    finishedWithFailure(message("prompts/validation/missing-variable.prompt.yml:10:5: error: testData entry 'no language'"
                            + " does not provide the variable 'language' used by the user message at line 5."
                            + " Add 'language:' to the entry, or a value for every entry under defaults:"))));
            assertThat(server.requests()).isEmpty();
            try (var files = Files.list(recordings)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void needs_no_api_key(@TempDir Path recordings) {
        var results = EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(Map.of()))
                .configurationParameter(Keys.MODE, "validate")
                .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                .selectors(selectClass(AllValidationFiles.class))
                .execute();
        results.testEvents().assertStatistics(s -> s.succeeded(3).failed(2));
    }
}
