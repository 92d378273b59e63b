package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.promptspec.config.Keys;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The offline workflow: record once with a key, then replay anywhere without one. */
class RecordReplayTest {

    @PromptSpec("prompts/basic")
    static class Greetings {
    }

    @TempDir
    Path recordings;

    private EngineTestKit.Builder withKey(FakeOpenAiServer server, String mode) {
        return EngineKit.engine(Map.of("OPENAI_API_KEY", EngineKit.KEY))
                .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                .configurationParameter(Keys.MODE, mode)
                .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString());
    }

    /** No key for the default endpoint (OpenAI): any attempt to call fails before reaching the network. */
    private EngineTestKit.Builder withoutKey(String mode) {
        return EngineKit.engine(Map.of())
                .configurationParameter(Keys.MODE, mode)
                .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString());
    }

    /** Where each case's response came from (the engine's own entry, the run's usage, has none). */
    private static List<String> origins(EngineExecutionResults results) {
        return results.testEvents().reportingEntryPublished()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("promptspec.response")).toList();
    }

    /** The failure of the case named Ada (cases end in any order: they run concurrently). */
    private static Throwable adasFailure(EngineExecutionResults results) {
        return results.testEvents().failed().filter(e -> e.getTestDescriptor().getDisplayName().equals("Ada")).findFirst()
                .orElseThrow().getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @Test
    void auto_records_with_a_key_then_replays_without_one_by_class_or_by_file() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineExecutionResults first = withKey(server, "auto").selectors(selectClass(Greetings.class)).execute();
            first.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
            assertThat(origins(first)).containsExactly("recorded", "recorded");
            assertThat(server.requests()).hasSize(2);
        }
        Path file = recordings.resolve("prompts/basic/greeting.recordings.yml");
        assertThat(file).exists();
        assertThat(Files.readString(file)).contains("Hello Ada, it is a pleasure to meet you.").doesNotContain(EngineKit.KEY);

        EngineExecutionResults replay = withoutKey("auto").selectors(selectClass(Greetings.class)).execute();
        replay.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(origins(replay)).containsExactly("replayed", "replayed");

        EngineExecutionResults byFile = withoutKey("replay")
                .selectors(selectFile("src/test/resources/prompts/basic/greeting.prompt.yml")).execute();
        byFile.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(origins(byFile)).as("a file selected on disk uses the recordings of its classpath name")
                .containsExactly("replayed", "replayed");
    }

    @Test
    void replay_without_a_recording_is_an_error_that_says_how_to_record() {
        EngineExecutionResults results = withoutKey("replay").selectors(selectClass(Greetings.class)).execute();

        results.testEvents().assertStatistics(s -> s.started(2).failed(2));
        assertThat(adasFailure(results)).isInstanceOfSatisfying(ModelCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.MISSING_RECORDING))
                .isNotInstanceOf(AssertionError.class)
                .hasMessage("prompts/basic/greeting.prompt.yml [Ada]: no recorded response (looked in "
                        + recordings.resolve("prompts/basic/greeting.recordings.yml") + ")\n"
                        + "To record it, run with an API key and -Dpromptspec.mode=record (or in the default mode, auto).");
    }

    @Test
    void auto_without_a_key_or_a_recording_says_both() {
        EngineExecutionResults results = withoutKey("auto").selectors(selectClass(Greetings.class)).execute();
        assertThat(adasFailure(results)).hasMessageStartingWith("prompts/basic/greeting.prompt.yml [Ada]: no recorded response")
                .hasMessageContaining("It cannot be recorded now: no API key for https://api.openai.com/v1: set the environment"
                        + " variable OPENAI_API_KEY");
    }

    @Test
    void editing_the_prompt_after_recording_fails_replay_with_prompt_changed_and_the_difference(@TempDir Path project)
            throws Exception {
        Path prompt = project.resolve("support.prompt.yml");
        Files.writeString(prompt, """
                name: Greeting
                model: gpt-4o-mini
                messages:
                  - role: system
                    content: You greet people politely.
                  - role: user
                    content: "Say hello to {{ name }}."
                testData:
                  - name: Ada
                evaluators:
                  - string: {contains: hello}
                """);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            withKey(server, "record").selectors(selectFile(prompt.toString())).execute()
                    .testEvents().assertStatistics(s -> s.succeeded(1));
        }
        Files.writeString(prompt, Files.readString(prompt).replace("You greet people politely.", "You greet people warmly."));

        EngineExecutionResults replay = withoutKey("replay").selectors(selectFile(prompt.toString())).execute();

        replay.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(replay.testEvents().failed().list().get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).isInstanceOfSatisfying(ModelCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.PROMPT_CHANGED))
                .hasMessageContaining(": prompt changed since it was recorded (")
                .hasMessageContaining("message 1 (system) differs at its line 1: now \"You greet people warmly.\","
                        + " was \"You greet people politely.\"")
                .hasMessageEndingWith("To record it, run with an API key and -Dpromptspec.mode=record (or in the default mode,"
                        + " auto).");
    }

    @Test
    void live_mode_writes_nothing() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            withKey(server, "live").selectors(selectClass(Greetings.class)).execute().testEvents()
                    .assertStatistics(s -> s.succeeded(2));
        }
        try (Stream<Path> files = Files.walk(recordings)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
