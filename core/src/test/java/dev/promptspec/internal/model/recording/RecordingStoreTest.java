package dev.promptspec.internal.model.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.model.Role;
import dev.promptspec.model.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The recordings files: where they go, what survives a round trip, and that no write is ever half done. */
class RecordingStoreTest {

    private static final Instant AT = Instant.parse("2026-02-01T10:15:30Z");

    @TempDir
    Path dir;

    private static ModelRequest request(String user) {
        return new ModelRequest("openai/gpt-4o", List.of(new ChatMessage(Role.SYSTEM, "You are a release-notes writer."),
                new ChatMessage(Role.USER, user)), ModelParameters.NONE, null);
    }

    private static Recording recording(String caseKey, String user, String answer) {
        return new Recording(caseKey, "prompt", AT, request(user),
                new ModelResponse(answer, new TokenUsage(90, 140), Duration.ofMillis(1234), "stop", "gpt-4o-2024-08-06", 1,
                        ModelResponse.Origin.LIVE));
    }

    private List<Recording> readBack(String promptFile) throws Exception {
        Path file = new RecordingStore(dir).fileFor(promptFile);
        return RecordingCodec.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    @Test
    void one_file_per_prompt_file_mirroring_its_classpath_name() {
        RecordingStore store = new RecordingStore(dir);
        assertThat(store.fileFor("prompts/cqrs-architect.prompt.yml")).isEqualTo(dir.resolve("prompts/cqrs-architect.recordings.yml"));
        assertThat(store.fileFor("a/b/Summary.PROMPT.YAML")).isEqualTo(dir.resolve("a/b/Summary.recordings.yml"));
        assertThat(store.fileFor("/abs/x.prompt.yml")).isEqualTo(dir.resolve("abs/x.recordings.yml"));
        assertThat(store.fileFor("../../escape/x.prompt.yml")).as("never outside the directory")
                .isEqualTo(dir.resolve("escape/x.recordings.yml"));
        assertThat(store.fileFor("win\\style\\x.prompt.yml")).isEqualTo(dir.resolve("win/style/x.recordings.yml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "## Release 2.4\n\n- **Faster search**: results in under 200 ms.\n- Fixed: exports kept the old time zone.\n",
        "Trailing spaces stay.   \nAnd a tab\there.\t\n  Leading spaces too.",
        "Unicode: café, naïve, 東京, עברית, emoji 🚀✅, math ∑ ≤ ∞, “quotes” and ‘quotes’",
        "true",
        "42",
        "null",
        "~",
        "- starts like a list",
        "key: value # looks like YAML",
        "---\ndocument markers\n...\n",
        "\"double\" and 'single' quotes, backslash \\ and a colon: here",
        "ends without newline",
        "",
        "\n\nblank lines first, and a final one\n\n",
        "Windows\r\nline endings\r\n",
        "control \u0007 bell and NUL-free \u001b escape",
    })
    void texts_come_back_exactly_as_they_were_recorded(String text) throws Exception {
        RecordingStore store = new RecordingStore(dir);
        store.save("prompts/notes.prompt.yml", recording("#1", text, text));

        Recording back = readBack("prompts/notes.prompt.yml").get(0);
        assertThat(back.response().text()).isEqualTo(text);
        assertThat(back.request().messages().get(1).content()).isEqualTo(text);
        assertThat(back.fingerprint()).as("replay finds it").isEqualTo(request(text).fingerprint());
    }

    @Test
    void every_request_field_survives_so_the_fingerprint_matches_after_reading() throws Exception {
        ModelRequest full = new ModelRequest("gpt-4o-mini", List.of(
                new ChatMessage(Role.SYSTEM, "Extract the order as JSON."),
                new ChatMessage(Role.USER, "Two pears and an apple, deliver Friday."),
                new ChatMessage(Role.ASSISTANT, "{\"items\": []}"),
                new ChatMessage(Role.USER, "Try again.")),
                new ModelParameters(0.0, 256, 512, 0.95, List.of("###", "\n\n"), 1234, 0.1, -0.2),
                new ResponseFormat("json_schema", "{\"name\":\"order\",\"schema\":{\"type\":\"object\"}}", null));
        String answer = "{\"items\": [{\"name\": \"pear\", \"quantity\": 2}, {\"name\": \"apple\", \"quantity\": 1}],"
                + " \"delivery\": \"Friday\"}";
        new RecordingStore(dir).save("prompts/order.prompt.yml", new Recording("two pears", "prompt", AT, full,
                new ModelResponse(answer, new TokenUsage(64, 38), Duration.ofMillis(612), "stop", "gpt-4o-mini-2024-07-18", 1,
                        ModelResponse.Origin.LIVE), "recorded against staging"));

        Recording back = readBack("prompts/order.prompt.yml").get(0);
        assertThat(back.request()).usingRecursiveComparison().ignoringFields("responseFormat.position").isEqualTo(full);
        assertThat(back.fingerprint()).isEqualTo(full.fingerprint());
        assertThat(back.note()).isEqualTo("recorded against staging");
        assertThat(back.recordedAt()).isEqualTo(AT);
        assertThat(back.response().usage()).isEqualTo(new TokenUsage(64, 38));
        assertThat(new RecordingStore(dir).find("prompts/order.prompt.yml", full.fingerprint())).isPresent();
    }

    @Test
    void the_file_is_readable_yaml_with_multi_line_answers_as_blocks() throws Exception {
        RecordingStore store = new RecordingStore(dir);
        store.save("prompts/notes.prompt.yml", recording("#1", "Write notes for 2.4",
                "## Release 2.4\n\n- Faster search\n- Fixed exports\n"));

        String text = Files.readString(store.fileFor("prompts/notes.prompt.yml"));
        assertThat(text).startsWith("# Recorded model responses for prompts/notes.prompt.yml, written by PromptSpec.\n");
        assertThat(text).contains("format: 1\n", "prompt: prompts/notes.prompt.yml\n", "- case: '#1'\n", "  call: prompt\n",
                "  recordedAt: '2026-02-01T10:15:30Z'\n", "    text: |\n      ## Release 2.4\n\n      - Faster search\n");
    }

    @Test
    void entries_are_sorted_by_case_in_natural_order_so_diffs_stay_small() throws Exception {
        RecordingStore store = new RecordingStore(dir);
        for (String key : List.of("#10", "#2", "beta", "#1", "alpha")) {
            store.save("prompts/p.prompt.yml", recording(key, "q " + key, "answer for " + key));
        }
        store.flush();
        assertThat(readBack("prompts/p.prompt.yml")).extracting(Recording::caseKey)
                .containsExactly("#1", "#2", "#10", "alpha", "beta");
    }

    @Test
    void many_saves_keep_every_lookup_right_re_recorded_cases_and_shared_requests_included() throws Exception {
        RecordingStore store = new RecordingStore(dir);
        String file = "prompts/faq.prompt.yml";
        // what replay must find after the saves: the latest request of each case and call, and nothing older
        java.util.Map<String, Recording> latest = new java.util.LinkedHashMap<>();
        List<Recording> superseded = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i <= 20; i++) {
                // cases #1..#20, each recorded twice with an edited prompt; #5, #10... ask the same question as
                // case #1 in round 0, so several cases share one request (and its fingerprint) for a while
                String question = round == 0 && i % 5 == 0 ? "Which plans include SSO? (round 0, case 1)"
                        : "Which plans include SSO? (round " + round + ", case " + i + ")";
                Recording r = recording("#" + i, question, "SSO is part of the Business and Enterprise plans.");
                Recording judged = new Recording("#" + i, "judge:accurate", AT, request("Grade: " + question),
                        r.response());
                for (Recording each : List.of(r, judged)) {
                    Recording before = latest.put(each.caseKey() + "|" + each.purpose(), each);
                    if (before != null) {
                        superseded.add(before);
                    }
                    store.save(file, each);
                    assertThat(store.find(file, each.fingerprint())).as("found right after its save").isPresent()
                            .get().extracting(Recording::request).isEqualTo(each.request());
                }
            }
        }

        store.flush();
        for (RecordingStore s : List.of(store, new RecordingStore(dir))) { // this run's index, and the file read afresh
            for (Recording expected : latest.values()) {
                assertThat(s.find(file, expected.fingerprint())).get().extracting(Recording::request).isEqualTo(expected.request());
                assertThat(s.findForCase(file, expected.caseKey(), expected.purpose())).get().extracting(Recording::request)
                        .isEqualTo(expected.request());
            }
            for (Recording old : superseded) {
                assertThat(s.find(file, old.fingerprint())).as("re-recorded: the old request no longer replays").isEmpty();
            }
        }
        assertThat(readBack(file)).hasSize(40);
    }

    @Test
    void a_request_several_cases_share_stays_found_when_one_of_them_is_re_recorded() throws Exception {
        RecordingStore store = new RecordingStore(dir);
        String file = "prompts/faq.prompt.yml";
        Recording first = recording("#1", "Do you ship to Norway?", "Yes, within 5 working days.");
        Recording second = recording("#2", "Do you ship to Norway?", "Yes, within 5 working days.");
        store.save(file, second);
        store.save(file, first);
        assertThat(store.find(file, first.fingerprint())).as("the first case in file order answers").contains(first);

        store.save(file, recording("#1", "Do you ship to Iceland?", "Not yet."));
        assertThat(store.find(file, first.fingerprint())).contains(second);
        store.save(file, recording("#2", "Do you ship to Finland?", "Yes."));
        assertThat(store.find(file, first.fingerprint())).isEmpty();
    }

    @Test
    void lookups_use_the_fingerprint_each_recording_carries_and_never_hash_a_request_again() throws Exception {
        RecordingStore store = new RecordingStore(dir);
        Recording carried = new Recording("#1", "prompt", AT, request("q"), recording("#1", "q", "a").response(), null,
                "sha256:as-computed-when-it-was-made");
        store.save("prompts/p.prompt.yml", carried);
        for (int i = 2; i < 20; i++) {
            store.save("prompts/p.prompt.yml", recording("#" + i, "q" + i, "a" + i));
        }
        assertThat(store.find("prompts/p.prompt.yml", "sha256:as-computed-when-it-was-made")).contains(carried);
        assertThat(recording("#1", "q", "a").fingerprint()).as("null: computed from the request").isEqualTo(request("q").fingerprint());
    }

    @Test
    void a_write_that_fails_leaves_no_temporary_file_and_says_what_to_do() throws Exception {
        RecordingStore store = new RecordingStore(dir);
        Path target = store.fileFor("prompts/p.prompt.yml");
        Files.createDirectories(target.resolve("in-the-way")); // a directory where the file must go: the rename fails

        assertThatThrownBy(() -> store.save("prompts/p.prompt.yml", recording("#1", "q", "a")))
                .isInstanceOfSatisfying(ModelCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.CONFIGURATION))
                .hasMessageStartingWith("cannot write recordings " + target + ": ")
                .hasMessageEndingWith("(set promptspec.recordings.dir to a writable directory)");
        assertThat(temporaryFiles()).isEmpty();
    }

    /** Recordings are committed files: they get the permissions the user's other files get, and keep them when replaced. */
    @Test
    void recordings_get_the_permissions_of_the_users_other_files_and_keep_their_own() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        RecordingStore store = new RecordingStore(dir);
        store.save("prompts/p.prompt.yml", recording("#1", "q", "a"));
        Path file = store.fileFor("prompts/p.prompt.yml");

        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Files.getPosixFilePermissions(Files.createFile(file.resolveSibling("other.yml"))));

        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        store.save("prompts/p.prompt.yml", recording("#2", "q2", "a2"));
        store.flush();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(readBack("prompts/p.prompt.yml")).hasSize(2);
    }

    @Test
    void a_corrupt_recordings_file_is_an_error_with_its_position_not_a_silent_re_record() throws Exception {
        Path file = recordingsOfP("""
                format: 1
                prompt: prompts/p.prompt.yml
                recordings:
                  - case: '#1'
                    recordedAt: yesterday
                    request: {model: gpt-4o, messages: []}
                    response: {text: hi}
                """.getBytes(StandardCharsets.UTF_8));
        assertUnreadable(file + ":4:5: corrupt recording: 'recordedAt' is not an ISO-8601 instant. Fix the entry, or delete it"
                + " to record again");
    }

    /** The recordings file of prompts/p.prompt.yml, holding {@code bytes}. */
    private Path recordingsOfP(byte[] bytes) throws Exception {
        Path file = new RecordingStore(dir).fileFor("prompts/p.prompt.yml");
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** Reading the recordings of prompts/p.prompt.yml fails with {@code message}, never by recording again. */
    private void assertUnreadable(String message) {
        assertThatThrownBy(() -> new RecordingStore(dir).find("prompts/p.prompt.yml", "sha256:x"))
                .isInstanceOfSatisfying(ModelCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.CONFIGURATION))
                .hasMessage(message);
    }

    @Test
    void a_recordings_file_saved_in_another_encoding_is_an_error_at_the_first_byte_that_is_not_utf_8() throws Exception {
        Path file = recordingsOfP("""
                format: 1
                prompt: prompts/p.prompt.yml
                recordings:
                  - case: '#1'
                    recordedAt: '2026-02-01T10:15:30Z'
                    request: {model: gpt-4o, messages: [{role: user, content: Résume ce ticket}]}
                    response: {text: Le client demande un remboursement.}
                """.getBytes(StandardCharsets.ISO_8859_1));
        assertUnreadable(file + ":6:64: the file is not valid UTF-8 at line 6, column 64 (byte 0xE9, 'é' in Windows-1252). Save"
                + " the file as UTF-8");
    }

    @Test
    void concurrent_saves_keep_every_recording_and_the_file_is_always_parseable() throws Exception {
        // Rewritten every few milliseconds instead of every second, so that the reader meets many writes.
        RecordingStore store = new RecordingStore(dir, java.time.Duration.ofMillis(5));
        int threads = 4;
        int perThread = 40;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> unreadable = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            // A reader that keeps parsing the file from disk while it is rewritten. Every save adds an entry, so it
            // must only ever see complete files with as many entries as before or more: never half a file, never
            // an empty one.
            Future<?> reader = pool.submit(() -> {
                Path shared = store.fileFor("prompts/shared.prompt.yml");
                int seen = 0;
                while (writing.get()) {
                    if (Files.exists(shared)) {
                        try {
                            int now = RecordingCodec.read(Files.readString(shared), shared.toString()).size();
                            if (now == 0 || now < seen) {
                                unreadable.add("read " + now + " recordings after " + seen);
                            }
                            seen = Math.max(seen, now);
                            reads.incrementAndGet();
                        } catch (Exception e) {
                            unreadable.add(e.toString());
                        }
                    }
                    Thread.onSpinWait();
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String key = "t" + thread + "-" + i;
                        store.save("prompts/shared.prompt.yml", recording(key, "question " + key, "answer\nfor " + key + "\n"));
                        store.save("prompts/own-" + thread + ".prompt.yml", recording(key, "q", "a"));
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            store.close(); // writes what the last interval saved
            writing.set(false);
            reader.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(unreadable).isEmpty();
        assertThat(reads.get()).as("the reader did read while writes happened").isPositive();
        assertThat(readBack("prompts/shared.prompt.yml")).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            assertThat(readBack("prompts/own-" + t + ".prompt.yml")).hasSize(perThread);
        }
        assertThat(temporaryFiles()).isEmpty();
    }

    private List<Path> temporaryFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /**
     * Recording many cases into one file rewrites it a few times a second, not once per case (each rewrite holds the
     * whole file: once per case, recording N cases cost N² in writes), and closing the store writes the last ones.
     */
    @Test
    void saves_in_quick_succession_share_writes_and_closing_writes_every_recording() throws Exception {
        RecordingStore store = new RecordingStore(dir);
        String file = "prompts/faq.prompt.yml";
        int saves = 2_000;
        long start = System.nanoTime();
        for (int i = 1; i <= saves; i++) {
            store.save(file, recording("#" + i, "Question " + i, "Answer " + i + "\nwith a second line\n"));
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        store.close();

        assertThat(store.writes(file)).as("writes for %d saves in %d s", saves, seconds)
                .isLessThanOrEqualTo(seconds + 3);
        assertThat(readBack(file)).hasSize(saves);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void a_save_within_the_interval_of_the_last_write_waits_for_it_and_closing_writes_it() throws Exception {
        RecordingStore store = new RecordingStore(dir, java.time.Duration.ofMinutes(1));
        store.save("prompts/p.prompt.yml", recording("#1", "q1", "a1"));
        store.save("prompts/p.prompt.yml", recording("#2", "q2", "a2"));
        assertThat(readBack("prompts/p.prompt.yml")).as("the second save waits for the interval").hasSize(1);
        assertThat(store.find("prompts/p.prompt.yml", recording("#2", "q2", "a2").fingerprint())).as("replay finds it at once")
                .isPresent();

        store.close();

        assertThat(readBack("prompts/p.prompt.yml")).hasSize(2);
        assertThat(store.writes("prompts/p.prompt.yml")).isEqualTo(2);
    }

    @Test
    void the_stores_writer_thread_writes_a_waiting_save_when_the_interval_is_over() throws Exception {
        RecordingStore store = new RecordingStore(dir, java.time.Duration.ofMillis(50));
        store.save("prompts/p.prompt.yml", recording("#1", "q1", "a1"));
        store.save("prompts/p.prompt.yml", recording("#2", "q2", "a2"));

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (readBack("prompts/p.prompt.yml").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(readBack("prompts/p.prompt.yml")).as("written without a flush").hasSize(2);
    }
}
