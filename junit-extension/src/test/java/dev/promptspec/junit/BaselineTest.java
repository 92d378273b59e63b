package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.config.Keys;
import dev.promptspec.config.ReportsLocation;
import dev.promptspec.report.ReportWriter;
import dev.promptspec.testing.FakeOpenAiServer.Completion;
import dev.promptspec.testing.FakeOpenAiServer.Received;
import dev.promptspec.testing.FakeOpenAiServer.Reply;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * {@code promptspec.baseline} and {@code promptspec.fail-on}: a real run is the baseline of the next, whose model has
 * changed its mind on two tickets. And the summary appended to GitHub's job summary.
 */
class BaselineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @PromptSpec("prompts/triage/triage.prompt.yml")
    static class Triage {
    }

    /** Like {@link EngineKit#answer}, but now wrong about the VAT ticket and right about the outage. */
    private static Reply changedModel(Received request) {
        String user = request.lastMessage("user");
        if (user.contains("20% VAT")) {
            return new Completion("""
                    **other**

                    - Reason: the customer questions the tax rate on an invoice; this needs a look at the contract.
                    - Route to: Customer support, to collect the contract and the invoice.""");
        }
        if (user.contains("HTTP 502")) {
            return new Completion("""
                    **incident**

                    - Reason: every user of the workspace gets HTTP 502 from the dashboard since 09:00: a site-wide outage.
                    - Route to: The on-call engineer, as a P1 incident.""");
        }
        return EngineKit.answer(request);
    }

    /** The first run's report: the baseline. */
    private static Path baseline(Path dir) throws Exception {
        Path reports = dir.resolve("baseline");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineKit.live(server).configurationParameter(Keys.REPORTS_DIR, reports.toString()).selectors(selectClass(Triage.class))
                    .execute();
        }
        return reports.resolve(ReportWriter.JSON_FILE);
    }

    private static EngineExecutionResults secondRun(Path baseline, Path reports, String failOn) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(BaselineTest::changedModel)) {
            var kit = EngineKit.live(server).configurationParameter(Keys.REPORTS_DIR, reports.toString())
                    .configurationParameter(Keys.BASELINE, baseline.toString()).selectors(selectClass(Triage.class));
            if (failOn != null) {
                kit.configurationParameter(Keys.FAIL_ON, failOn);
            }
            return kit.execute();
        }
    }

    private static Map<String, TestExecutionResult> results(EngineExecutionResults run) {
        Map<String, TestExecutionResult> out = new HashMap<>();
        for (Event e : run.testEvents().finished().list()) {
            out.put(e.getTestDescriptor().getDisplayName(), e.getRequiredPayload(TestExecutionResult.class));
        }
        return out;
    }

    private static List<String> names(JsonNode refs) {
        return StreamSupport.stream(refs.spliterator(), false).map(r -> r.path("displayName").asText()).toList();
    }

    @Test
    void the_reports_lead_with_what_changed_since_the_baseline(@TempDir Path dir) throws Exception {
        Path baseline = baseline(dir);
        Path reports = dir.resolve("now");

        Map<String, TestExecutionResult> results = results(secondRun(baseline, reports, null));

        // fail-on=any-failure: every case that does not pass fails, old failures too
        assertThat(results).hasSize(5);
        assertThat(results.get("wrong VAT").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(results.get("dashboard down").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(results.get("no ticket").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        JsonNode report = JSON.readTree(reports.resolve(ReportWriter.JSON_FILE).toFile());
        JsonNode section = report.path("baseline");
        assertThat(section.path("path").asText()).isEqualTo(baseline.toString());
        assertThat(section.path("finishedAt").asText()).isEqualTo(JSON.readTree(baseline.toFile()).path("finishedAt").asText());
        assertThat(names(section.path("newlyFailing"))).containsExactly("wrong VAT");
        assertThat(names(section.path("newlyPassing"))).containsExactly("dashboard down");
        assertThat(names(section.path("stillFailing"))).containsExactly("A feature request is other", "no ticket");
        assertThat(section.path("added")).isEmpty();
        assertThat(section.path("removed")).isEmpty();
        assertThat(names(section.path("changedResponses"))).containsExactly("dashboard down", "wrong VAT"); // by file, then case
        assertThat(section.path("newlyFailing").get(0).toString()).isEqualTo("{\"file\":\"prompts/triage/triage.prompt.yml\","
                + "\"case\":\"wrong VAT\",\"model\":\"gpt-4o-mini\",\"displayName\":\"wrong VAT\"}");
        assertThat(section.path("scoreChanges")).extracting(c -> c.path("displayName").asText() + ": " + c.path("evaluator").asText()
                + " " + c.path("before").asDouble() + " -> " + c.path("after").asDouble())
                .containsExactlyInAnyOrder("wrong VAT: expected 1.0 -> 0.0",
                        "dashboard down: expected 0.0 -> 1.0");
        assertThat(section.path("mcnemar").toString()).isEqualTo("{\"passedThenFailed\":1,\"failedThenPassed\":1,\"pValue\":1.0,"
                + "\"significant\":false,\"confidence\":0.95}");
        Map<String, String> labels = new HashMap<>();
        report.path("files").get(0).path("testResults").forEach(c -> labels.put(c.path("displayName").asText(),
                c.path("baseline").asText("(none)")));
        assertThat(labels).containsEntry("wrong VAT", "newly-failing").containsEntry("dashboard down", "newly-passing")
                .containsEntry("no ticket", "still-failing").containsEntry("A feature request is other", "still-failing")
                .containsValue("(none)"); // the invoices' address: passed then and now, so not labelled

        String markdown = Files.readString(reports.resolve(ReportWriter.MARKDOWN_FILE));
        assertThat(markdown).startsWith("## PromptSpec results\n\n### Compared with the baseline\n\nBaseline `" + baseline + "` (finished ")
                .contains(": **1 newly failing**, 1 newly passing, 2 still failing, 0 added, 0 removed, 0 noise\n\n"
                        + "McNemar's exact test on the verdicts both runs gave: 1 passed → failed, 1 failed → passed, p = 1.000"
                        + " (not significant at 95% confidence)\n\n**Newly failing**\n\n"
                        + "- **wrong VAT** — `prompts/triage/triage.prompt.yml` (gpt-4o-mini)\n")
                .contains("**Score changes**\n\n- **dashboard down** — `prompts/triage/triage.prompt.yml` (gpt-4o-mini): expected 0.00 → 1.00\n"
                        + "- **wrong VAT** — `prompts/triage/triage.prompt.yml` (gpt-4o-mini): expected 1.00 → 0.00\n");
        assertThat(markdown.indexOf("### Compared with the baseline")).isLessThan(markdown.indexOf("cases passed**"));
    }

    @Test
    void failing_on_regressions_fails_only_what_passed_in_the_baseline_and_aborts_old_failures_saying_why(@TempDir Path dir)
            throws Exception {
        Path baseline = baseline(dir);
        Path reports = dir.resolve("now");

        Map<String, TestExecutionResult> results = results(secondRun(baseline, reports, "regressions"));

        assertThat(results.get("wrong VAT").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(results.get("dashboard down").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        TestExecutionResult noTicket = results.get("no ticket");
        assertThat(noTicket.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(noTicket.getThrowable().orElseThrow().getMessage()).startsWith("Not a regression, so it does not fail the build"
                + " (promptspec.fail-on=regressions): it did not pass in the baseline either.\nError: prompts/triage/"
                + "triage.prompt.yml:34:5: error: testData entry #5 has no value for the required variable 'ticket'");
        assertThat(results.get("A feature request is other").getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        JsonNode summary = JSON.readTree(reports.resolve(ReportWriter.JSON_FILE).toFile()).path("summary");
        assertThat(summary.path("failedTests").asInt()).isEqualTo(1);
        assertThat(summary.path("erroredTests").asInt()).isZero();
        assertThat(summary.path("abortedTests").asInt()).isEqualTo(2);
    }

    @Test
    void a_baseline_that_is_not_a_report_fails_the_run_before_any_call_naming_the_key_and_the_path(@TempDir Path dir)
            throws Exception {
        Path notReport = Files.writeString(dir.resolve("surefire.json"), "[]");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineExecutionResults results = EngineKit.live(server).configurationParameter(Keys.BASELINE, notReport.toString())
                    .selectors(selectClass(Triage.class)).execute();

            assertThat(results.testEvents().started().count()).isZero();
            assertThat(results.containerEvents().failed().list()).singleElement().satisfies(e -> assertThat(
                    e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).hasMessage(
                    "PromptSpec configuration: promptspec.baseline=" + notReport + " cannot be used: it is not a JSON object;"
                            + " give the promptspec-report.json an earlier run wrote"));
            assertThat(server.requests()).isEmpty();
        }
    }

    /** Surefire discovers each class alone, then the run: the baseline is read once, not once per class. */
    @Test
    void the_baseline_is_read_once_however_many_discoveries_ask_for_it(@TempDir Path dir) throws Exception {
        Path baseline = baseline(dir);
        PromptSpecTestEngine engine = PromptSpecTestEngine.withEnvironment(Map.of());
        var kit = org.junit.platform.testkit.engine.EngineTestKit.engine(engine).enableImplicitConfigurationParameters(false)
                .configurationParameter(Keys.MODE, "replay").configurationParameter(Keys.BASELINE, baseline.toString())
                .selectors(selectClass(Triage.class));
        assertThat(((PromptSpecEngineDescriptor) kit.discover().getEngineDescriptor()).failures()).isEmpty();

        Files.writeString(baseline, "[]"); // read again, it would fail the run

        PromptSpecEngineDescriptor second = (PromptSpecEngineDescriptor) kit.discover().getEngineDescriptor();
        assertThat(second.failures()).isEmpty();
        assertThat(second.baseline().path()).isEqualTo(baseline);
    }

    @Test
    void the_summary_is_appended_to_the_job_summary_github_actions_names(@TempDir Path dir) throws Exception {
        Path stepSummary = Files.writeString(dir.resolve("step_summary"), "## Build\n\nCompiled in 41 s.\n\n");
        Path reports = dir.resolve("reports");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineKit.engine(Map.of("OPENAI_API_KEY", EngineKit.KEY, ReportsLocation.STEP_SUMMARY_VARIABLE, stepSummary.toString()))
                    .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl()).configurationParameter(Keys.MODE, "live")
                    .configurationParameter(Keys.REPORTS_DIR, reports.toString()).selectors(selectClass(Triage.class)).execute();
        }

        assertThat(Files.readString(stepSummary)).isEqualTo("## Build\n\nCompiled in 41 s.\n\n"
                + Files.readString(reports.resolve(ReportWriter.MARKDOWN_FILE)));
        assertThat(Files.readString(stepSummary)).contains("**2 of 5 cases passed** (40%)").doesNotContain(EngineKit.KEY);
    }
}
