package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.config.Keys;
import dev.promptspec.report.ReportWriter;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's JSON report and Markdown summary, written when the engine finishes. */
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

    @Test
    void reports_go_beside_surefire_s_unless_the_directory_is_none() {
        assertThat(PromptSpecTestEngine.reportsDirectory(new MapParameters(java.util.Map.of(Keys.REPORTS_DIR, "none"))))
                .isEmpty();
        assertThat(PromptSpecTestEngine.reportsDirectory(new MapParameters(java.util.Map.of())))
                .contains(Path.of("target/promptspec-reports"));
    }
}
