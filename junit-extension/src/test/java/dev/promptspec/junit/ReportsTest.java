package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.config.Keys;
import dev.promptspec.config.ReportsLocation;
import dev.promptspec.report.ReportWriter;
import dev.promptspec.testing.FakeOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The run's JSON report and Markdown summary, written when the engine finishes into the platform's output directory, and
 * what else the engine says at its end: through the platform (report and file entries) and JUL, never on the console.
 */
class ReportsTest {

    @PromptSpec("prompts/triage/triage.prompt.yml")
    static class Triage {
    }

    @Test
    void a_run_writes_every_case_with_its_status_and_verdicts(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineKit.live(server).configurationParameter(Keys.REPORTS_DIR, reports.toString())
                    .selectors(selectClass(Triage.class)).execute();
        }

        JsonNode root = new ObjectMapper().readTree(reports.resolve(ReportWriter.JSON_FILE).toFile());
        assertThat(root.path("summary").path("totalTests").asInt()).isEqualTo(5);
        assertThat(root.path("summary").path("passedTests").asInt()).isEqualTo(2);
        JsonNode cases = root.path("files").get(0).path("testResults");
        List<String> statuses = StreamSupport.stream(cases.spliterator(), false)
                .map(c -> c.path("displayName").asText() + "=" + c.path("status").asText()).toList();
        // a failed check, a server error and a missing required variable are told apart, as in Surefire
        assertThat(statuses).contains("wrong VAT=passed", "dashboard down=failed", "A feature request is other=error",
                "no ticket=error");
        JsonNode dashboard = StreamSupport.stream(cases.spliterator(), false)
                .filter(c -> c.path("displayName").asText().equals("dashboard down")).findFirst().orElseThrow();
        assertThat(dashboard.path("line").asInt()).isEqualTo(24);
        assertThat(dashboard.path("evaluationResults")).extracting(c -> c.path("evaluatorName").asText())
                .containsExactly("category in bold", "expected");
        assertThat(dashboard.path("messages")).as("the prompt as sent").isNotEmpty()
                .allSatisfy(m -> assertThat(m.path("role").asText()).isIn("system", "user", "assistant"));
        assertThat(Files.readString(reports.resolve(ReportWriter.HTML_FILE))).contains("\"displayName\":\"dashboard down\"");
        assertThat(Files.readString(reports.resolve(ReportWriter.MARKDOWN_FILE)))
                .contains("**2 of 5 cases passed** (40%)")
                .contains("| `prompts/triage/triage.prompt.yml` | 5 | 2 | 1 | 2 | 0 |");
    }

    @PromptSpec("prompts/mixed")
    static class OneBrokenOneGood {
    }

    @PromptSpec({"prompts/basic/greeting.prompt.yml", "prompts/no-such-folder"})
    static class MissingLocation {
    }

    @PromptSpec("prompts/basic")
    static class UnusableModel {
        @PromptModel
        dev.langchain4j.model.chat.ChatModel model() { // not static: a declaration problem, reported for every case
            throw new AssertionError("never called");
        }
    }

    private static JsonNode file(JsonNode root, String name) {
        return StreamSupport.stream(root.path("files").spliterator(), false).filter(f -> f.path("file").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no file " + name + " in " + root.path("files")));
    }

    @Test
    void an_invalid_file_is_an_errored_test_in_the_reports_never_a_100_percent_pass(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineKit.live(server).configurationParameter(Keys.REPORTS_DIR, reports.toString())
                    .selectors(selectClass(OneBrokenOneGood.class)).execute()
                    .testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        }

        JsonNode root = new ObjectMapper().readTree(reports.resolve(ReportWriter.JSON_FILE).toFile());
        JsonNode summary = root.path("summary");
        assertThat(summary.path("totalTests").asInt()).isEqualTo(2);
        assertThat(summary.path("passedTests").asInt()).isEqualTo(1);
        assertThat(summary.path("erroredTests").asInt()).isEqualTo(1);
        assertThat(summary.path("invalidFiles").asInt()).isEqualTo(1);
        assertThat(summary.path("passRate").asDouble()).isEqualTo(50.0);
        JsonNode broken = file(root, "prompts/mixed/broken.prompt.yml");
        assertThat(broken.path("status").asText()).isEqualTo("error");
        assertThat(broken.path("displayName").asText()).isEqualTo("broken.prompt.yml (invalid: 2 errors)");
        assertThat(broken.path("problems")).extracting(p -> p.path("line").asInt() + ":" + p.path("column").asInt())
                .containsExactly("4:11", "10:5");
        assertThat(broken.path("problems").get(0).path("message").asText()).isEqualTo("unknown role 'usr' in message #1 — did you mean 'user'?");
        assertThat(broken.path("testResults")).isEmpty();
        assertThat(file(root, "prompts/mixed/good.prompt.yml").path("testResults").get(0).path("status").asText()).isEqualTo("passed");

        assertThat(Files.readString(reports.resolve(ReportWriter.MARKDOWN_FILE)))
                .contains("**1 of 2 tests passed** (50%) · 2 files (1 invalid)")
                .contains("| `prompts/mixed/good.prompt.yml` | 1 | 1 | 0 | 0 | 0 |")
                .contains("| `prompts/mixed/broken.prompt.yml` (invalid) | – | 0 | 0 | 1 | 0 |")
                .contains("**broken.prompt.yml (invalid: 2 errors)** — `prompts/mixed/broken.prompt.yml` (error: cannot run)\n"
                        + "- prompts/mixed/broken.prompt.yml:4:11: error: unknown role 'usr' in message #1 — did you mean 'user'?")
                .contains("- prompts/mixed/broken.prompt.yml:10:5: error: unknown evaluator kind 'strng'");
    }

    @Test
    void a_location_that_does_not_exist_is_in_the_reports_too(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineKit.live(server).configurationParameter(Keys.REPORTS_DIR, reports.toString())
                    .selectors(selectClass(MissingLocation.class)).execute()
                    .testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        }
        JsonNode root = new ObjectMapper().readTree(reports.resolve(ReportWriter.JSON_FILE).toFile());
        assertThat(root.path("summary").path("totalTests").asInt()).isEqualTo(3);
        assertThat(file(root, "prompts/no-such-folder").path("problems").get(0).path("message").asText())
                .contains("no prompt file or folder 'prompts/no-such-folder' on the class path");
    }

    @Test
    void every_case_of_a_class_whose_model_cannot_be_used_has_its_report_line(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        EngineKit.offline().configurationParameter(Keys.REPORTS_DIR, reports.toString())
                .selectors(selectClass(UnusableModel.class)).execute()
                .testEvents().assertStatistics(s -> s.started(2).failed(2));

        JsonNode root = new ObjectMapper().readTree(reports.resolve(ReportWriter.JSON_FILE).toFile());
        assertThat(root.path("summary").path("erroredTests").asInt()).isEqualTo(2);
        assertThat(file(root, "prompts/basic/greeting.prompt.yml").path("testResults"))
                .extracting(c -> c.path("case").asText() + "=" + c.path("status").asText())
                .containsExactly("Ada=error", "Grace=error");
        assertThat(file(root, "prompts/basic/greeting.prompt.yml").path("testResults").get(0).path("error").asText())
                .contains("@PromptModel method UnusableModel.model() must be static and take no parameters");
    }

    @PromptSpec("prompts/basic")
    static class Greetings {
    }

    /** An output directory as a launcher gives it to engines, rooted where {@code junit.platform.reporting.output.dir} says. */
    record OutputRoot(Path root) implements OutputDirectoryCreator {
        @Override
        public Path getRootDirectory() {
            return root;
        }

        @Override
        public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
            return Files.createDirectories(root.resolve(descriptor.getUniqueId().getLastSegment().getValue()));
        }
    }

    @Test
    void reports_go_to_the_platform_s_output_directory_and_are_published_as_file_entries(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("build-output");
        EngineExecutionResults results;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            results = EngineKit.live(server).outputDirectoryCreator(new OutputRoot(root)).selectors(selectClass(Greetings.class)).execute();
        }
        Path json = root.resolve("promptspec-reports").resolve(ReportWriter.JSON_FILE);
        Path markdown = root.resolve("promptspec-reports").resolve(ReportWriter.MARKDOWN_FILE);
        Path html = root.resolve("promptspec-reports").resolve(ReportWriter.HTML_FILE);
        assertThat(json).isRegularFile();
        assertThat(markdown).isRegularFile();
        assertThat(html).isRegularFile();
        assertThat(results.allEvents().fileEntryPublished().list()).as("published on the engine, for IDEs and build tools to attach")
                .allSatisfy(e -> assertThat(e.getTestDescriptor()).isInstanceOf(PromptSpecEngineDescriptor.class))
                .extracting(e -> e.getRequiredPayload(FileEntry.class))
                .extracting(FileEntry::getPath, f -> f.getMediaType().orElse(""))
                .containsExactly(tuple(json, "application/json"), tuple(markdown, "text/markdown"), tuple(html, "text/html"));
    }

    @Test
    void the_reports_directory_setting_wins_over_the_platform_s_and_none_turns_reports_off() {
        Supplier<Optional<Path>> platform = () -> Optional.of(Path.of("build"));
        assertThat(PromptSpecTestEngine.reportsDirectory(ReportsLocation.DEFAULT, platform))
                .contains(Path.of("build", "promptspec-reports"));
        assertThat(PromptSpecTestEngine.reportsDirectory(ReportsLocation.at(Path.of("out/prompt-reports")), platform))
                .contains(Path.of("out/prompt-reports"));
        assertThat(PromptSpecTestEngine.reportsDirectory(ReportsLocation.NONE, platform)).isEmpty();
        assertThat(PromptSpecTestEngine.reportsDirectory(ReportsLocation.DEFAULT, Optional::empty))
                .as("a platform that offers no output directory (EngineTestKit's default, a launcher older than the engine)")
                .contains(Path.of("target/promptspec-reports"));
    }

    @Test
    void a_report_that_cannot_be_written_is_a_warning_in_the_log_and_the_tests_keep_their_results(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("reports"), "a file where the reports directory should be");
        List<LogRecord> logged = new ArrayList<>();
        String console;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer); Captured captured = Captured.start(logged)) {
            EngineKit.live(server).configurationParameter(Keys.REPORTS_DIR, notADirectory.toString())
                    .selectors(selectClass(Greetings.class)).execute()
                    .testEvents().assertStatistics(s -> s.started(2).succeeded(2));
            console = captured.console();
        }
        assertThat(logged).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).startsWith("PromptSpec: cannot write reports to " + notADirectory.toAbsolutePath() + ": ")
                    .endsWith(" (set promptspec.reports.dir to a writable directory, or to none)");
        });
        assertThat(console).as("the engine writes nothing to standard output or error").isEmpty();
    }

    @Test
    void the_run_s_usage_line_is_a_report_entry_on_the_engine_never_standard_output(@TempDir Path dir) throws Exception {
        EngineExecutionResults results;
        String console;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer); Captured captured = Captured.start(new ArrayList<>())) {
            results = EngineKit.live(server).configurationParameter(Keys.REPORTS_DIR, dir.toString())
                    .selectors(selectClass(Greetings.class)).execute();
            console = captured.console();
        }
        assertThat(console).isEmpty();
        assertThat(results.containerEvents().reportingEntryPublished().list())
                .filteredOn(e -> e.getTestDescriptor() instanceof PromptSpecEngineDescriptor).singleElement()
                .extracting(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .satisfies(run -> assertThat(run.get("promptspec.summary"))
                        .startsWith("PromptSpec: 2 model calls (2 live, 0 replayed); live 200 in + ")
                        .isEqualTo(run.values().iterator().next()));
    }

    /** What the engine logs through JUL, and prints to standard output and error, while it runs. */
    private static final class Captured implements AutoCloseable {
        private final Logger logger = Logger.getLogger("dev.promptspec");
        private final Handler handler;
        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final ByteArrayOutputStream console = new ByteArrayOutputStream();

        private Captured(List<LogRecord> records) {
            handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    records.add(record);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            logger.addHandler(handler);
            logger.setUseParentHandlers(false); // JUL's console handler would print to the stream captured here
            PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
        }

        static Captured start(List<LogRecord> records) {
            return new Captured(records);
        }

        String console() {
            return console.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            System.setOut(out);
            System.setErr(err);
            logger.removeHandler(handler);
            logger.setUseParentHandlers(true);
        }
    }
}
