package dev.promptspec.internal.model.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Role;
import dev.promptspec.model.TokenUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings keep one answer per sample of a case: the same request, told apart by its sample index. */
class SampleRecordingsTest {

    private static final Instant AT = Instant.parse("2026-03-14T09:26:53Z");
    private static final ModelRequest REQUEST = new ModelRequest("gpt-4o-mini", List.of(
            new ChatMessage(Role.SYSTEM, "Start with the category in bold (**billing**, **incident** or **other**), then the reason."),
            new ChatMessage(Role.USER, "Ticket: My March invoice charges 20% VAT, but our contract says 7%.")),
            new ModelParameters(0.7, null, null, null, null, null, null, null), null);

    @TempDir
    Path dir;

    private static Recording sample(int index, String queue) {
        return new Recording("wrong VAT", "prompt", AT, REQUEST, new ModelResponse("**" + queue + "**\n\n- Reason: the March"
                + " invoice applies 20% VAT where the contract sets 7%.", new TokenUsage(61, 38), Duration.ofMillis(840), "stop",
                "gpt-4o-mini-2024-07-18", 1, ModelResponse.Origin.LIVE), null, null, index);
    }

    /** A store in which {@code recordings} were saved, in this order, and written (saves are coalesced until then). */
    private RecordingStore saved(Recording... recordings) throws Exception {
        RecordingStore store = new RecordingStore(dir);
        for (Recording r : recordings) {
            store.save("prompts/triage.prompt.yml", r);
        }
        store.flush();
        return store;
    }

    @Test
    void each_sample_replays_its_own_answer_and_the_first_sample_is_written_as_before() throws Exception {
        RecordingStore store = saved(sample(2, "other"), sample(1, "billing"), sample(3, "billing"));

        String fingerprint = REQUEST.fingerprint();
        RecordingStore reread = new RecordingStore(dir);
        assertThat(reread.find("prompts/triage.prompt.yml", fingerprint).orElseThrow().response().text()).startsWith("**billing**");
        assertThat(reread.find("prompts/triage.prompt.yml", fingerprint, 2).orElseThrow().response().text()).startsWith("**other**");
        assertThat(reread.find("prompts/triage.prompt.yml", fingerprint, 3).orElseThrow().sample()).isEqualTo(3);
        assertThat(reread.find("prompts/triage.prompt.yml", fingerprint, 4)).isEmpty();

        String yaml = Files.readString(store.fileFor("prompts/triage.prompt.yml"));
        // sorted by sample; sample 1 has no 'sample:' key, so a case recorded before it was sampled keeps its recording
        assertThat(yaml).containsSubsequence("- case: wrong VAT\n  call: prompt\n  recordedAt:", "- case: wrong VAT\n  call: prompt\n"
                + "  sample: 2\n  recordedAt:", "  sample: 3\n");
        assertThat(yaml.indexOf("sample: 1\n")).isEqualTo(-1);
    }

    @Test
    void recording_a_sample_again_replaces_only_that_sample() throws Exception {
        RecordingStore store = saved(sample(1, "billing"), sample(2, "other"), sample(2, "billing"));

        RecordingStore reread = new RecordingStore(dir);
        assertThat(reread.find("prompts/triage.prompt.yml", REQUEST.fingerprint(), 2).orElseThrow().response().text())
                .startsWith("**billing**");
        assertThat(Files.readString(store.fileFor("prompts/triage.prompt.yml"))).containsOnlyOnce("sample: 2");
        assertThat(reread.findForCase("prompts/triage.prompt.yml", "wrong VAT", "prompt", 2).orElseThrow().sample()).isEqualTo(2);
    }
}
