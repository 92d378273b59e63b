package dev.promptspec.internal.model.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.config.RecordingMode;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.model.Role;
import dev.promptspec.model.TokenUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four modes, and what replay says when it has nothing to replay. */
class RecordingClientTest {

    private static final String PROMPT_FILE = "prompts/triage.prompt.yml";
    private static final CallContext CASE = CallContext.prompt(PROMPT_FILE, "wrong VAT");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T09:26:53.589Z"), ZoneOffset.UTC);
    private static final String ANSWER = """
            **Category:** billing

            - The customer reports a VAT rate of 20% on an invoice for a service taxed at 7%.
            - Route to the billing team; refund the difference once the rate is confirmed.""";

    @TempDir
    Path dir;

    private final AtomicInteger calls = new AtomicInteger();

    /** The model: counts calls and answers like a triage model would. */
    private final ModelClient model = (request, context) -> {
        calls.incrementAndGet();
        return new ModelResponse(ANSWER, new TokenUsage(182, 61), Duration.ofMillis(840), "stop", "gpt-4o-mini-2024-07-18", 1,
                ModelResponse.Origin.LIVE);
    };

    private static ModelRequest request(String ticket) {
        return new ModelRequest("gpt-4o-mini", List.of(
                new ChatMessage(Role.SYSTEM, "You triage support tickets.\nAnswer with a category in bold and bullet points."),
                new ChatMessage(Role.USER, "Ticket: " + ticket)),
                new ModelParameters(0.2, 300, null, null, null, 7, null, null), null);
    }

    private RecordingClient client(RecordingMode mode) {
        return new RecordingClient(mode, new RecordingStore(dir), () -> model, CLOCK);
    }

    private RecordingClient withoutCredentials(RecordingMode mode) {
        return new RecordingClient(mode, new RecordingStore(dir), () -> {
            throw new ModelCallException(Kind.MISSING_CREDENTIALS, "no API key for https://api.openai.com/v1: set the"
                    + " environment variable OPENAI_API_KEY", 0);
        }, CLOCK);
    }

    private void record(ModelRequest request) throws ModelCallException {
        client(RecordingMode.RECORD).call(request, CASE);
    }

    @Test
    void record_calls_the_model_and_writes_what_was_sent_and_received() throws Exception {
        ModelResponse response = client(RecordingMode.RECORD).call(request("My invoice shows the wrong VAT rate"), CASE);

        assertThat(calls).hasValue(1);
        assertThat(response.origin()).isEqualTo(ModelResponse.Origin.RECORDED);
        assertThat(response.text()).isEqualTo(ANSWER);
        Path file = dir.resolve("prompts/triage.recordings.yml");
        assertThat(file).exists();
        List<Recording> stored = RecordingCodec.read(Files.readString(file), file.toString());
        assertThat(stored).singleElement().satisfies(r -> {
            assertThat(r.caseKey()).isEqualTo("wrong VAT");
            assertThat(r.purpose()).isEqualTo("prompt");
            assertThat(r.recordedAt()).isEqualTo(Instant.parse("2026-03-14T09:26:53Z"));
            assertThat(r.request()).isEqualTo(request("My invoice shows the wrong VAT rate"));
            assertThat(r.response().text()).isEqualTo(ANSWER);
            assertThat(r.response().usage()).isEqualTo(new TokenUsage(182, 61));
            assertThat(r.response().modelId()).isEqualTo("gpt-4o-mini-2024-07-18");
            assertThat(r.response().finishReason()).isEqualTo("stop");
            assertThat(r.response().latency()).isEqualTo(Duration.ofMillis(840));
        });
    }

    @Test
    void record_calls_again_even_when_a_recording_matches_and_keeps_one_entry_per_case() throws Exception {
        record(request("My invoice shows the wrong VAT rate"));
        record(request("My invoice shows the wrong VAT rate"));
        record(request("My invoice shows the wrong VAT rate, again"));

        assertThat(calls).hasValue(3);
        Path file = dir.resolve("prompts/triage.recordings.yml");
        assertThat(RecordingCodec.read(Files.readString(file), "f")).singleElement()
                .satisfies(r -> assertThat(r.request().messages().get(1).content()).endsWith("again"));
    }

    @Test
    void replay_answers_from_the_recording_without_asking_for_a_model() throws Exception {
        record(request("My invoice shows the wrong VAT rate"));
        RecordingClient replay = new RecordingClient(RecordingMode.REPLAY, new RecordingStore(dir), () -> {
            throw new AssertionError("replay must not even build a model client");
        }, CLOCK);

        ModelResponse replayed = replay.call(request("My invoice shows the wrong VAT rate"), CASE);

        assertThat(calls).hasValue(1);
        assertThat(replayed.origin()).isEqualTo(ModelResponse.Origin.REPLAYED);
        assertThat(replayed.attempts()).isZero();
        assertThat(replayed.text()).isEqualTo(ANSWER);
        assertThat(replayed.usage()).isEqualTo(new TokenUsage(182, 61));
    }

    @Test
    void replay_without_a_recording_says_where_it_looked_and_how_to_record() {
        assertThatThrownBy(() -> client(RecordingMode.REPLAY).call(request("My parcel never arrived"), CASE))
                .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MISSING_RECORDING))
                .isNotInstanceOf(AssertionError.class)
                .hasMessage("prompts/triage.prompt.yml [wrong VAT]: no recorded response (looked in "
                        + dir.resolve("prompts/triage.recordings.yml") + ")\n"
                        + "To record it, run with an API key and -Dpromptspec.mode=record (or in the default mode, auto).");
        assertThat(calls).hasValue(0);
    }

    @Test
    void replay_of_a_changed_message_says_the_prompt_changed_and_which_line() throws Exception {
        record(request("My invoice shows the wrong VAT rate"));

        assertThatThrownBy(() -> client(RecordingMode.REPLAY).call(request("My invoice shows the wrong VAT rate!"), CASE))
                .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROMPT_CHANGED))
                .hasMessage("prompts/triage.prompt.yml [wrong VAT]: prompt changed since it was recorded (2026-03-14T09:26:53Z"
                        + " in " + dir.resolve("prompts/triage.recordings.yml") + "): message 2 (user) differs at its line 1:"
                        + " now \"Ticket: My invoice shows the wrong VAT rate!\", was \"Ticket: My invoice shows the wrong VAT"
                        + " rate\" (first difference at column 44)\nTo record it, run with an API key and -Dpromptspec.mode=record"
                        + " (or in the default mode, auto).");
    }

    @Test
    void the_difference_names_model_parameters_format_message_count_role_and_line() {
        ModelRequest was = request("a\nb");
        assertThat(RecordingClient.difference(was, new ModelRequest("gpt-4o", was.messages(), was.parameters(), null)))
                .isEqualTo("the model is now 'gpt-4o', was 'gpt-4o-mini'");
        assertThat(RecordingClient.difference(was, new ModelRequest(was.model(), was.messages(), ModelParameters.NONE, null)))
                .isEqualTo("modelParameters are now {}, were {temperature=0.2, max_tokens=300, seed=7}");
        assertThat(RecordingClient.difference(was, new ModelRequest(was.model(), was.messages(), was.parameters(),
                new ResponseFormat("json_object", null, null)))).isEqualTo("the response format changed");
        assertThat(RecordingClient.difference(was, new ModelRequest(was.model(), was.messages().subList(1, 2), was.parameters(),
                null))).isEqualTo("the prompt now has 1 message, had 2 messages");
        assertThat(RecordingClient.difference(was, new ModelRequest(was.model(), List.of(was.messages().get(0),
                new ChatMessage(Role.ASSISTANT, "Ticket: a\nb")), was.parameters(), null)))
                .isEqualTo("message 2 is now assistant, was user");
        assertThat(RecordingClient.difference(was, request("a\nc")))
                .isEqualTo("message 2 (user) differs at its line 2: now \"c\", was \"b\" (first difference at column 1)");
        assertThat(RecordingClient.difference(was, request("a\nb\n")))
                .isEqualTo("message 2 (user) differs at its line 3: now \"\", was nothing (the line is new)");
        assertThat(RecordingClient.difference(was, request("a\r\nb")))
                .isEqualTo("message 2 (user) differs at its line 1: now \"Ticket: a\\r\", was \"Ticket: a\" (first difference at"
                        + " column 10)");
    }

    /** An edit at the end of a long line: both sides are shown around it, not their identical beginnings. */
    @Test
    void the_difference_in_a_long_line_shows_each_side_around_the_first_changed_character() {
        String ticket = "I ordered the Trailhead jacket in size M on 3 March and it arrived yesterday, but the zip on the left pocket"
                + " is broken and the sleeve seam is ";
        assertThat(RecordingClient.difference(request(ticket + "torn"), request(ticket + "open")))
                .isEqualTo("message 2 (user) differs at its line 1: now \"…broken and the sleeve seam is open\", was \"…broken and"
                        + " the sleeve seam is torn\" (first difference at column 151)");
        assertThat(RecordingClient.difference(request("Where is my parcel? " + ticket), request("When will my parcel come? " + ticket)))
                .isEqualTo("message 2 (user) differs at its line 1: now \"Ticket: When will my parcel come? I ordered the Tra…\","
                        + " was \"Ticket: Where is my parcel? I ordered the Trailhead…\" (first difference at column 12)");
    }

    @Test
    void the_difference_in_a_multi_line_message_names_the_line_and_shows_it_around_the_change() {
        String was = "You triage support tickets for Northwind Outfitters.\nCategories: billing, shipping, product defect, account.\n"
                + "Answer with the category in bold, then at most three bullet points that quote the ticket; never promise a"
                + " refund or a replacement.";
        String now = was.replace("a refund or a replacement.", "a refund, a replacement or a discount.");
        ModelRequest recorded = new ModelRequest("gpt-4o-mini", List.of(new ChatMessage(Role.SYSTEM, was)), ModelParameters.NONE, null);

        assertThat(RecordingClient.difference(recorded, new ModelRequest("gpt-4o-mini", List.of(new ChatMessage(Role.SYSTEM, now)),
                ModelParameters.NONE, null))).isEqualTo("message 1 (system) differs at its line 3: now \"…ticket; never promise a"
                        + " refund, a replacement or a discount.\", was \"…ticket; never promise a refund or a replacement.\" (first"
                        + " difference at column 113)");
    }

    @Test
    void auto_replays_a_match_and_records_what_is_new() throws Exception {
        RecordingClient auto = client(RecordingMode.AUTO);
        ModelResponse first = auto.call(request("My invoice shows the wrong VAT rate"), CASE);
        ModelResponse second = auto.call(request("My invoice shows the wrong VAT rate"), CASE);

        assertThat(first.origin()).isEqualTo(ModelResponse.Origin.RECORDED);
        assertThat(second.origin()).isEqualTo(ModelResponse.Origin.REPLAYED);
        assertThat(calls).hasValue(1);

        ModelResponse changed = auto.call(request("My invoice shows the wrong VAT rate (second notice)"), CASE);
        assertThat(changed.origin()).isEqualTo(ModelResponse.Origin.RECORDED);
        assertThat(calls).hasValue(2);
    }

    @Test
    void auto_without_credentials_replays_what_it_can() throws Exception {
        record(request("My invoice shows the wrong VAT rate"));
        ModelResponse r = withoutCredentials(RecordingMode.AUTO).call(request("My invoice shows the wrong VAT rate"), CASE);
        assertThat(r.origin()).isEqualTo(ModelResponse.Origin.REPLAYED);
    }

    @Test
    void auto_without_credentials_or_recording_says_both() {
        assertThatThrownBy(() -> withoutCredentials(RecordingMode.AUTO).call(request("My parcel never arrived"), CASE))
                .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MISSING_CREDENTIALS))
                .hasMessage("prompts/triage.prompt.yml [wrong VAT]: no recorded response (looked in "
                        + dir.resolve("prompts/triage.recordings.yml") + ")\n"
                        + "It cannot be recorded now: no API key for https://api.openai.com/v1: set the environment variable"
                        + " OPENAI_API_KEY");
    }

    @Test
    void auto_without_credentials_and_a_changed_prompt_says_the_prompt_changed() throws Exception {
        record(request("My invoice shows the wrong VAT rate"));
        assertThatThrownBy(() -> withoutCredentials(RecordingMode.AUTO).call(request("Another ticket"), CASE))
                .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROMPT_CHANGED))
                .hasMessageContaining("prompt changed since it was recorded")
                .hasMessageContaining("It cannot be recorded now: no API key");
    }

    @Test
    void record_and_live_without_credentials_fail_with_the_credentials_message() {
        for (RecordingMode mode : List.of(RecordingMode.RECORD, RecordingMode.LIVE)) {
            assertThatThrownBy(() -> withoutCredentials(mode).call(request("x"), CASE))
                    .as(mode.name())
                    .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MISSING_CREDENTIALS))
                    .hasMessageContaining("OPENAI_API_KEY");
        }
    }

    @Test
    void live_calls_every_time_and_never_writes() throws Exception {
        record(request("My invoice shows the wrong VAT rate"));
        Path file = dir.resolve("prompts/triage.recordings.yml");
        String before = Files.readString(file);

        RecordingClient live = client(RecordingMode.LIVE);
        ModelResponse a = live.call(request("My invoice shows the wrong VAT rate"), CASE);
        live.call(request("A ticket never recorded"), CASE);

        assertThat(a.origin()).isEqualTo(ModelResponse.Origin.LIVE);
        assertThat(calls).hasValue(3);
        assertThat(Files.readString(file)).isEqualTo(before);
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(file);
        }
    }

    @Test
    void judge_calls_are_recorded_beside_the_prompt_call_of_the_same_case() throws Exception {
        RecordingStore store = new RecordingStore(dir);
        RecordingClient recorder = new RecordingClient(RecordingMode.RECORD, store, () -> model, CLOCK);
        recorder.call(request("My invoice shows the wrong VAT rate"), CASE);
        recorder.call(request("Grade this answer"), CASE.forJudge("helpfulness"));
        store.close(); // the second save came right after the first write: written within the interval, or now

        List<Recording> stored = RecordingCodec.read(Files.readString(dir.resolve("prompts/triage.recordings.yml")), "f");
        assertThat(stored).extracting(Recording::purpose).containsExactly("judge:helpfulness", "prompt");
        assertThat(client(RecordingMode.REPLAY).call(request("Grade this answer"), CASE.forJudge("helpfulness")).origin())
                .isEqualTo(ModelResponse.Origin.REPLAYED);
    }

    /** Every case must fail with one CONFIGURATION error naming the folder and the key, and the model is never called. */
    private void assertNoCallIsMadeWithout(Path recordingsDir, RecordingMode mode) {
        RecordingStore store = new RecordingStore(recordingsDir);
        RecordingClient client = new RecordingClient(mode, store, () -> model, CLOCK);
        Path folder = store.fileFor(PROMPT_FILE).toAbsolutePath().getParent();
        for (String ticket : List.of("The dashboard answers HTTP 502", "Please add a dark mode")) {
            assertThatThrownBy(() -> client.call(request(ticket), CASE))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
                        assertThat(e.attempts()).isZero();
                    })
                    .hasMessageStartingWith("cannot write recordings to " + folder + ": ")
                    .hasMessageContaining("No model call was made")
                    .hasMessageContaining("set promptspec.recordings.dir (now " + recordingsDir + ") to a writable directory");
        }
        assertThat(calls).as("no billed call whose answer would be lost").hasValue(0);
    }

    @Test
    void auto_and_record_make_no_call_when_the_recordings_folder_cannot_be_created() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("recordings"), "a file where the recordings folder should be");
        assertNoCallIsMadeWithout(notAFolder.resolve("nested"), RecordingMode.AUTO);
        assertNoCallIsMadeWithout(notAFolder.resolve("nested"), RecordingMode.RECORD);
        assertThat(client(RecordingMode.LIVE).call(request("My invoice shows the wrong VAT rate"), CASE).text())
                .as("live mode records nothing, so it needs no folder").isEqualTo(ANSWER);
    }

    @Test
    void auto_makes_no_call_into_a_read_only_recordings_folder_but_still_replays_from_it() throws Exception {
        ModelRequest recorded = request("My invoice shows the wrong VAT rate");
        record(recorded);
        calls.set(0);
        Path folder = new RecordingStore(dir).fileFor(PROMPT_FILE).getParent();
        Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path probe = null;
            try {
                probe = Files.createTempFile(folder, "can-i-write", ".tmp");
            } catch (java.io.IOException expected) {
                // the folder is read-only for this user, as intended
            }
            if (probe != null) {
                Files.delete(probe);
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(probe == null,
                    "this user (root?) writes into read-only folders; the unwritable case is covered by a file in the way");

            assertThat(client(RecordingMode.AUTO).call(recorded, CASE).origin()).isEqualTo(ModelResponse.Origin.REPLAYED);
            assertNoCallIsMadeWithout(dir, RecordingMode.AUTO);
        } finally {
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
