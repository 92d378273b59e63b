package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            EngineKit.live(server).configurationParameter(Constants.REPORTS_DIR, reports.toString())
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

    @Test
    void reports_go_beside_surefire_s_unless_the_directory_is_none() {
        assertThat(PromptSpecTestEngine.reportsDirectory(new MapParameters(java.util.Map.of(Constants.REPORTS_DIR, "none"))))
                .isEmpty();
        assertThat(PromptSpecTestEngine.reportsDirectory(new MapParameters(java.util.Map.of())))
                .contains(Path.of("target/promptspec-reports"));
    }
}
