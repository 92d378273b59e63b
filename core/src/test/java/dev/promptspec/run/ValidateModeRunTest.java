package dev.promptspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.Secret;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.testing.FakeOpenAiServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validate mode renders each case's request and checks evaluator inputs, and sends nothing. */
class ValidateModeRunTest {

    @Test
    void renders_requests_checks_evaluator_inputs_and_sends_nothing(@TempDir Path recordings) throws Exception {
        String text = """
                name: Release notes
                model: openai/gpt-4o-mini
                messages:
                  - role: user
                    content: "Write a release note for: {{change}}"
                testData:
                  - change: CSV export
                    keyword: CSV
                  - change: Faster search
                evaluators:
                  - name: mentions the feature
                    string:
                      contains: "{{keyword}}"
                """;
        try (FakeOpenAiServer server = FakeOpenAiServer.answering("never sent");
                PromptRun run = new PromptRun(RunConfig.defaults().withMode(RecordingMode.VALIDATE).withRecordingsDir(recordings)
                        .withEndpoint(new OpenAiEndpoint(URI.create(server.baseUrl()), Secret.ofNullable("sk-test-0000000000000"), "test")),
                        EvaluatorRegistry.load(getClass().getClassLoader()), Clock.systemUTC(), () -> false)) {
            CompiledPrompt prompt = run.compile(new PromptSource("notes.prompt.yml", URI.create("memory:notes"), Optional.empty(), text));
            List<CaseResult> results = prompt.fileOrThrow().testData().stream().map(tc -> run.run(prompt, tc)).toList();

            assertThat(results.get(0).passed()).isTrue();
            assertThat(results.get(0).request().messages().get(0).content()).isEqualTo("Write a release note for: CSV export");
            assertThat(results.get(0).response()).isNull();
            assertThat(results.get(1).passed()).isFalse();
            assertThat(results.get(1).error()).hasMessage("notes.prompt.yml:9:5: testData entry #2 does not provide what its evaluators"
                    + " read: evaluator 'mentions the feature' (notes.prompt.yml:11:5) reads {{keyword}}. Add the variables to the entry,"
                    + " or a value for every entry under defaults:");
            assertThat(server.requests()).isEmpty();
            try (var files = Files.list(recordings)) {
                assertThat(files).isEmpty();
            }
        }
    }
}
