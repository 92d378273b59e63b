package dev.promptspec.model.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's example of a recordings file is one PromptSpec reads, with what the README says it holds. */
class ReadmeRecordingExampleTest {

    @Test
    void the_readme_recordings_file_reads() throws Exception {
        Matcher m = Pattern.compile("```yaml\n(# Recorded model responses.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("..", "README.md")));
        assertThat(m.find()).as("the README shows a recordings file").isTrue();
        List<Recording> recordings = RecordingCodec.read(m.group(1), "prompts/triage.recordings.yml");
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
}
