package dev.promptspec.internal.model.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.model.Role;
import dev.promptspec.model.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quick reader of recordings reads exactly what the position-keeping reader reads, or leaves the file to it: the
 * files PromptSpec writes are read quickly, and every YAML feature it does not handle goes the slow way, to the same
 * result.
 */
class FastRecordingReaderTest {

    private static final YamlLimits LIMITS = new YamlLimits(64 * 1024 * 1024, 0, 32, 5_000_000);
    private static final String FILE = "recordings/prompts/notes.recordings.yml";
    private static final List<String> TEXTS = List.of(
            "## Release 2.4\n\n- **Faster search**: results in under 200 ms.\n- Fixed: exports kept the old time zone.\n",
            "Trailing spaces stay.   \nAnd a tab\there.\t\n  Leading spaces too.",
            "Unicode: café, naïve, 東京, עברית, emoji 🚀✅, math ∑ ≤ ∞, “quotes” and ‘quotes’",
            "true", "42", "0.5", "null", "~", "", "- starts like a list", "key: value # looks like YAML", "#1", "'quoted'",
            "---\ndocument markers\n...\n",
            "\"double\" and 'single' quotes, backslash \\ and a colon: here",
            "\n\nblank lines first, and a final one\n\n",
            "Windows\r\nline endings\r\n",
            "control \u0007 bell and NUL-free \u001b escape",
            "ends with two newlines\n\n",
            "    indented first line\nthen not\n");

    private static Recording recording(int i, String text) {
        ModelRequest request = new ModelRequest("openai/gpt-4o-mini", List.of(
                new ChatMessage(Role.SYSTEM, "You write release notes.\nOne bullet per change.\n"),
                new ChatMessage(Role.USER, text)),
                i % 2 == 0 ? ModelParameters.NONE : new ModelParameters(0.2, 300, null, 0.9, List.of("###", "\n\n", "true"), 7, null, -0.5),
                i % 3 == 0 ? new ResponseFormat("json_schema", "{\"name\":\"notes\",\"schema\":{\"type\":\"object\"}}", null) : null);
        ModelResponse response = new ModelResponse(text, i % 4 == 0 ? TokenUsage.UNKNOWN : new TokenUsage(90, i), Duration.ofMillis(1234),
                i % 5 == 0 ? null : "stop", "gpt-4o-mini-2024-07-18", 1, ModelResponse.Origin.LIVE);
        return new Recording("#" + i, i % 2 == 0 ? "prompt" : "judge:accurate", Instant.parse("2026-02-01T10:15:30Z"), request,
                response, i % 3 == 0 ? "written by hand: " + text : null);
    }

    @Test
    void reads_what_promptspec_writes_quickly_and_exactly_as_the_position_keeping_reader_does() throws Exception {
        List<Recording> written = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            written.add(recording(i, TEXTS.get(i)));
        }
        String text = RecordingCodec.write("prompts/notes.prompt.yml", written);

        List<Recording> fast = FastRecordingReader.read(text, FILE, LIMITS);

        assertThat(fast).as("read the quick way").isNotNull();
        assertThat(fast).usingRecursiveFieldByFieldElementComparatorIgnoringFields("request.responseFormat.position")
                .isEqualTo(RecordingCodec.readWithPositions(text, FILE));
        assertThat(fast).usingRecursiveFieldByFieldElementComparatorIgnoringFields("request.responseFormat.position",
                "response.attempts", "response.origin").isEqualTo(written);
        for (int i = 0; i < written.size(); i++) {
            assertThat(fast.get(i).fingerprint()).isEqualTo(written.get(i).request().fingerprint());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // an anchor and an alias
        "format: 1\nrecordings:\n- case: '#1'\n  recordedAt: '2026-02-01T10:15:30Z'\n  request: &r {model: m, messages: []}\n"
                + "  response: {text: hi}\n- case: '#2'\n  recordedAt: '2026-02-01T10:15:30Z'\n  request: *r\n  response: {text: ho}\n",
        // a tag
        "format: 1\nrecordings:\n- case: !!str 1\n  recordedAt: '2026-02-01T10:15:30Z'\n  request: {model: m, messages: []}\n"
                + "  response: {text: hi}\n",
        // a merge key
        "base: &b {model: m, messages: []}\nrecordings:\n- case: '#1'\n  recordedAt: '2026-02-01T10:15:30Z'\n"
                + "  request:\n    <<: *b\n  response: {text: hi}\n",
        // a duplicate key: the first one counts
        "format: 1\nrecordings:\n- case: '#1'\n  case: '#2'\n  recordedAt: '2026-02-01T10:15:30Z'\n"
                + "  request: {model: m, messages: []}\n  response: {text: hi}\n",
        // prose above a document marker
        "Recordings of the notes prompt\n---\nformat: 1\nrecordings:\n- case: '#1'\n  recordedAt: '2026-02-01T10:15:30Z'\n"
                + "  request: {model: m, messages: []}\n  response: {text: hi}\n",
        // comments only
        "# nothing recorded yet\n",
    })
    void leaves_the_rarer_yaml_features_to_the_position_keeping_reader_with_the_same_result(String text) {
        assertThat(FastRecordingReader.read(text, FILE, LIMITS)).isNull();
        assertThat(outcome(() -> RecordingCodec.read(text, FILE))).isEqualTo(outcome(() -> RecordingCodec.readWithPositions(text, FILE)));
    }

    /** What reading gives, as text: the recordings, or the error with its position. */
    private static String outcome(java.util.concurrent.Callable<List<Recording>> read) {
        try {
            return read.call().toString();
        } catch (dev.promptspec.problem.InvalidConfigException e) {
            return e.position() + ": " + e.getMessage();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void a_file_with_a_problem_is_left_to_the_reader_that_reports_it_at_its_line() {
        String text = "format: 1\nrecordings:\n- case: '#1'\n  recordedAt: yesterday\n  request: {model: m, messages: []}\n"
                + "  response: {text: hi}\n";
        assertThat(FastRecordingReader.read(text, FILE, LIMITS)).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordingCodec.read(text, FILE))
                .hasMessage("corrupt recording: 'recordedAt' is not an ISO-8601 instant")
                .extracting(e -> ((dev.promptspec.problem.InvalidConfigException) e).position().toString()).isEqualTo(FILE + ":3:3");
    }
}
