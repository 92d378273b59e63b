package dev.promptspec.internal.model.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.RunConfig;
import dev.promptspec.config.YamlLimits;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptCompiler;
import dev.promptspec.run.RequestBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example of a recordings file in {@code docs/recordings.md} is one PromptSpec reads, with what the page says it
 * holds, and it is the recording of the README's quick-start prompt file: its request is the one that file renders,
 * so it would replay.
 */
class ReadmeRecordingExampleTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void the_documented_recordings_file_reads() throws Exception {
        List<Recording> recordings = RecordingCodec.read(documentedRecordingsFile(), "prompts/triage.recordings.yml");
        assertThat(recordings).singleElement().satisfies(r -> {
            assertThat(r.caseKey()).isEqualTo("wrong VAT");
            assertThat(r.purpose()).isEqualTo("prompt");
            assertThat(r.request().model()).isEqualTo("gpt-4o-mini");
            assertThat(r.request().messages()).hasSize(2);
            assertThat(r.response().modelId()).isEqualTo("gpt-4o-mini-2024-07-18");
            assertThat(r.response().usage().inputTokens()).isEqualTo(61);
            assertThat(r.response().text()).startsWith("**billing**");
        });
    }

    @Test
    void it_records_the_first_case_of_the_readme_quick_start() throws Exception {
        Matcher m = Pattern.compile("```yaml\n(name: Ticket triage\n.*?)```", Pattern.DOTALL).matcher(Files.readString(ROOT.resolve("README.md")));
        assertThat(m.find()).as("the README's quick start shows prompts/triage.prompt.yml").isTrue();
        CompiledPrompt compiled = new PromptCompiler(YamlLimits.DEFAULTS, EvaluatorRegistry.load(getClass().getClassLoader()))
                .compile(new PromptSource("prompts/triage.prompt.yml", URI.create("memory:prompts/triage.prompt.yml"), Optional.empty(),
                        m.group(1)));
        assertThat(compiled.problems()).isEmpty();
        PromptFile file = compiled.file().orElseThrow();
        TestCase first = file.testData().get(0);

        Recording recording = RecordingCodec.read(documentedRecordingsFile(), "prompts/triage.recordings.yml").get(0);
        assertThat(recording.caseKey()).isEqualTo(first.key());
        assertThat(recording.request().fingerprint())
                .as("the documented recording replays the quick start's first case")
                .isEqualTo(RequestBuilder.build(file, first, RunConfig.defaults()).fingerprint());
    }

    private static String documentedRecordingsFile() throws Exception {
        Matcher m = Pattern.compile("```yaml\n(# Recorded model responses.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(ROOT.resolve("docs/recordings.md")));
        assertThat(m.find()).as("docs/recordings.md shows a recordings file").isTrue();
        return m.group(1);
    }
}
