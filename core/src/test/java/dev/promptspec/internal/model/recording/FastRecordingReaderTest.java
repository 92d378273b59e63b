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

    /** Files edited by hand in the same style: comments between entries, lists indented under their key, blank lines. */
    @ParameterizedTest
    @ValueSource(strings = {
        "# edited by hand\nformat: 1\nprompt: prompts/p.prompt.yml\nrecordings:\n\n# the first\n- case: '#1'\n  call: prompt\n"
                + "  recordedAt: '2026-02-01T10:15:30Z'\n  note: written by hand\n  request:\n    model: gpt-4o\n    messages:\n"
                + "      - role: user\n        content: |\n          Two pears,\n\n          and an apple.\n\n  # its answer\n"
                + "  response:\n    text: |-\n      Pears: 2\n      Apples: 1\n    latencyMs: 12\n\n",
        "recordings:\n  - case: \"#2\"\n    recordedAt: \"2026-02-01T10:15:30Z\"\n    request:\n      model: gpt-4o\n"
                + "      parameters:\n        temperature: 0\n        stop:\n          - \"\\n\\n\"\n          - '###'\n"
                + "      messages: []\n    response:\n      usage: {}\n      text: |2+\n          indented\n        answer\n\n",
    })
    void reads_files_edited_by_hand_in_the_same_style_quickly(String text) throws Exception {
        List<Recording> fast = FastRecordingReader.read(text, FILE, LIMITS);

        assertThat(fast).as("read the quick way").isNotNull().isNotEmpty();
        assertThat(fast).usingRecursiveFieldByFieldElementComparator().isEqualTo(RecordingCodec.readWithPositions(text, FILE));
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
        // a comment after a value
        "recordings:\n- case: '#1' # the first\n  recordedAt: '2026-02-01T10:15:30Z'\n  request: {model: m, messages: []}\n"
                + "  response: {text: hi}\n",
        // a folded scalar
        "recordings:\n- case: '#1'\n  recordedAt: '2026-02-01T10:15:30Z'\n  request:\n    model: m\n    messages: []\n"
                + "  response:\n    text: >\n      folded\n      lines\n",
        // a plain scalar over two lines
        "recordings:\n- case: '#1'\n  recordedAt: '2026-02-01T10:15:30Z'\n  request:\n    model: m\n    messages: []\n"
                + "  response:\n    text: two\n      lines\n",
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

    /** Characters and words YAML gives a meaning to. */
    private static final List<String> PIECES = List.of("a", "Zq", "7", " ", "  ", "\n", "\n\n", "\t", ":", ": ", "#", " #", "-", "- ",
        "'", "\"", "\\", "|", ">", "{", "}", "[]", ",", "&", "*", "!", "%", "@", "`", "?", "é", "東京", "🚀", "\u0007", "\u001b",
        "\u00a0", "\ufeff", "true", "null", "~", "0.5", "-3", "0x1F", "1e3", "yes", "No", "---", "...", "<<", "2026-02-01", "\u0000",
        "\uffff");
    /** What YAML 1.1 reads as line breaks besides \n: SnakeYAML writes some of them as they are, the quick reader declines. */
    private static final List<String> BREAKS = List.of("\r", "\r\n", "\u0085", "\u2028");

    /**
     * Texts built at random from {@link #PIECES}, recorded in every place a text goes: whatever PromptSpec writes, the
     * quick reader reads it as the position-keeping reader does.
     */
    @Test
    void random_texts_in_every_place_are_read_quickly_as_the_position_keeping_reader_reads_them() throws Exception {
        assertThat(readAlike(PIECES, 3000)).as("files left to the position-keeping reader").isZero();
    }

    /** With YAML 1.1's other line breaks in them, texts are read alike or left to the position-keeping reader. */
    @Test
    void random_texts_with_other_line_breaks_are_read_alike_or_left_to_the_position_keeping_reader() throws Exception {
        List<String> pieces = new ArrayList<>(PIECES);
        pieces.addAll(BREAKS);
        readAlike(pieces, 2000);
    }

    /** Reads {@code files} random files both ways, asserting they agree; returns how many the quick reader declined. */
    private static int readAlike(List<String> pieces, int files) throws Exception {
        java.util.Random random = new java.util.Random(20261129);
        int declined = 0;
        for (int n = 0; n < files; n++) {
            String[] t = new String[5];
            for (int k = 0; k < t.length; k++) {
                StringBuilder sb = new StringBuilder();
                for (int p = random.nextInt(7); p > 0; p--) {
                    sb.append(pieces.get(random.nextInt(pieces.size())));
                }
                t[k] = sb.toString();
            }
            ModelRequest request = new ModelRequest(t[0].isBlank() ? "gpt-4o" : t[0], List.of(new ChatMessage(Role.SYSTEM, t[1]),
                    new ChatMessage(Role.USER, t[2])), new ModelParameters(0.5, 10, null, null, List.of(t[3], t[4]), null, null, -0.25), null);
            Recording r = new Recording(t[4].isBlank() ? "#1" : t[4], t[3].isBlank() ? "prompt" : t[3], Instant.parse("2026-02-01T10:15:30Z"),
                    request, new ModelResponse(t[2] + t[1], new TokenUsage(1, 2), Duration.ofMillis(3), t[1], t[0], 1,
                            ModelResponse.Origin.LIVE), t[3]);
            String text = RecordingCodec.write("prompts/p.prompt.yml", List.of(r, recording(n, t[2])));
            List<Recording> full;
            try {
                full = RecordingCodec.readWithPositions(text, FILE);
            } catch (dev.promptspec.problem.InvalidConfigException unreadable) {
                // SnakeYAML writes some texts it cannot read back (a ':' before U+2028 or U+0085, line breaks to it, in a
                // plain scalar): the quick reader must not read those either
                assertThat(FastRecordingReader.read(text, FILE, LIMITS)).as(text).isNull();
                continue;
            }
            List<Recording> fast = FastRecordingReader.read(text, FILE, LIMITS);
            if (fast == null) {
                declined++;
                continue;
            }
            assertThat(fast).as(text).usingRecursiveFieldByFieldElementComparatorIgnoringFields("request.responseFormat.position")
                    .isEqualTo(full);
        }
        return declined;
    }
}
