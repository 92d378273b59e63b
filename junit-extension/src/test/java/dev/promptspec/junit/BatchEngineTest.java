package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.config.Keys;
import dev.promptspec.testing.FakeBatchServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Batch mode through the engine: the batch step runs before any case is reported, and the report has its section. */
class BatchEngineTest {

    @PromptSpec("prompts/basic")
    static class Greetings {
    }

    @TempDir
    Path recordings;
    @TempDir
    Path reports;

    private EngineTestKit.Builder batch(FakeBatchServer server) {
        return EngineKit.engine(Map.of("OPENAI_API_KEY", EngineKit.KEY))
                .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                .configurationParameter(Keys.MODE, "record")
                .configurationParameter(Keys.BATCH, "true")
                .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                .configurationParameter(Keys.REPORTS_DIR, reports.toString());
    }

    @Test
    void the_cases_run_on_the_batch_s_answers_and_the_report_lists_its_jobs() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(EngineKit::answer)) {
            EngineExecutionResults results = batch(server).selectors(selectClass(Greetings.class)).execute();

            results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
            assertThat(server.liveCalls()).isEmpty();
            assertThat(server.uploads()).singleElement().satisfies(u -> assertThat(u.lines()).hasSize(2));
            assertThat(recordings.resolve("prompts/basic/greeting.recordings.yml")).content()
                    .contains("Hello Ada, it is a pleasure to meet you.").doesNotContain(EngineKit.KEY);
            JsonNode report = new ObjectMapper().readTree(reports.resolve("promptspec-report.json").toFile());
            assertThat(report.path("batch").toString()).isEqualTo("{\"jobs\":[{\"id\":\"batch_1\",\"status\":\"completed\","
                    + "\"requests\":2,\"failed\":0}],\"submittedCalls\":2,\"estimatedCost\":" + report.path("batch")
                    .path("estimatedCost").asDouble() + ",\"savedVersusLive\":" + report.path("batch").path("savedVersusLive").asDouble()
                    + "}");
            assertThat(report.path("batch").path("estimatedCost").asDouble()).isPositive()
                    .isEqualTo(report.path("batch").path("savedVersusLive").asDouble());
            assertThat(reports.resolve("promptspec-summary.md")).content().contains("Batch: 2 calls in 1 job, about $");
        }
    }

    @Test
    void jobs_still_running_after_the_longest_wait_fail_the_run_naming_them_before_any_case_is_reported() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(EngineKit::answer)) {
            server.holdJobs();
            EngineExecutionResults results = batch(server).configurationParameter(Keys.BATCH_MAX_WAIT, "30m")
                    .selectors(selectClass(Greetings.class)).execute();

            results.testEvents().assertStatistics(s -> s.started(0));
            Throwable failure = results.containerEvents().failed().stream().findFirst().orElseThrow()
                    .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(failure).hasMessageStartingWith("PromptSpec batch jobs still running (waited 30 min, the most"
                    + " promptspec.batch.max-wait=30 min allows): batch_1.");
            try (var files = Files.list(reports)) {
                assertThat(files).singleElement().satisfies(f -> assertThat(f.getFileName().toString()).startsWith("promptspec-batch-"));
            }
        }
    }
}
