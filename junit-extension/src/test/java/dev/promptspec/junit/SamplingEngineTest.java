package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.config.Keys;
import dev.promptspec.testing.FakeOpenAiServer.Completion;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Sampled cases through the engine: samples as dynamic child tests, the case's own result as the verdict, early stops,
 * flakiness, replay per sample, and settings that can never pass.
 */
class SamplingEngineTest {

    private static final String RIGHT = """
            **billing**

            - Reason: the March invoice applies 20% VAT where the contract sets 7%.
            - Route to: Billing operations, to issue a corrected invoice and credit the difference.""";
    private static final String WRONG = """
            **other**

            - Reason: the customer mentions an invoice, which may be a question for their account manager.
            - Route to: Customer support, to ask for the contract number.""";

    @TempDir
    Path project;

    private Path prompt(String sampling) throws Exception {
        Path file = project.resolve("triage.prompt.yml");
        Files.writeString(file, """
                name: Ticket triage
                model: gpt-4o-mini
                modelParameters: {temperature: 0.7}
                %s
                messages:
                  - role: system
                    content: Start with the category in bold (**billing**, **incident** or **other**), then the reason.
                  - role: user
                    content: "Ticket: {{ticket}}"
                testData:
                  - name: wrong VAT
                    ticket: My March invoice charges 20%% VAT, but our contract says 7%%.
                evaluators:
                  - name: right queue
                    string: {startsWith: "**billing**"}
                  - name: gives a reason
                    string: {contains: "Reason:"}
                """.formatted(sampling));
        return file;
    }

    /** One worker: samples run one after the other, in index order, so a server that counts calls is deterministic. */
    private EngineTestKit.Builder live(FakeOpenAiServer server) {
        return EngineKit.live(server).configurationParameter(Keys.CONCURRENCY, "1")
                .configurationParameter(Keys.REPORTS_DIR, project.resolve("reports").toString());
    }

    private static Event caseEvent(EngineExecutionResults results) {
        return results.allEvents().finished().filter(e -> e.getTestDescriptor().getDisplayName().equals("wrong VAT"))
                .findFirst().orElseThrow();
    }

    private static Map<String, String> samplingEntry(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(m -> m.containsKey("promptspec.sampling")).findFirst().orElseThrow();
    }

    @Test
    void a_case_that_always_passes_stops_at_the_first_sample_that_makes_its_pass_rate_sure() throws Exception {
        Path file = prompt("samples: 20\npassRate: 0.8");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new Completion(RIGHT))) {
            EngineExecutionResults results = live(server).selectors(selectFile(file.toString())).execute();

            // 16 passes of 16 put the 95% lower bound at 0.806: sure it is at least 0.8; 4 calls saved
            assertThat(server.requests()).hasSize(16);
            assertThat(results.allEvents().dynamicallyRegistered().count()).isEqualTo(16);
            results.testEvents().assertStatistics(s -> s.started(17).succeeded(17).failed(0).aborted(0));
            Event verdict = caseEvent(results);
            assertThat(verdict.getTestDescriptor().getType()).isEqualTo(TestDescriptor.Type.CONTAINER_AND_TEST);
            assertThat(verdict.getTestDescriptor().getChildren()).extracting(TestDescriptor::getDisplayName)
                    .startsWith("wrong VAT [sample 1]", "wrong VAT [sample 2]").hasSize(16);
            assertThat(samplingEntry(results)).containsEntry("promptspec.sampling", "passed: 16 of 16 samples passed (observed"
                    + " 1.00, 95% interval 0.81–1.00), passRate 0.80, sequential, stopped after 16 of 20")
                    .containsEntry("promptspec.sampling.flaky", "false");
        }
    }

    @Test
    void a_broken_case_fails_after_a_few_samples_with_the_verdict_and_a_failing_sample() throws Exception {
        Path file = prompt("samples: 20\npassRate: 0.8");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new Completion(WRONG))) {
            EngineExecutionResults results = live(server).selectors(selectFile(file.toString())).execute();

            int drawn = server.requests().size();
            assertThat(drawn).isBetween(2, 5);
            Throwable failure = caseEvent(results).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(failure).isInstanceOf(AssertionError.class);
            assertThat(failure.getMessage()).startsWith("samples of 'wrong VAT' (" + file + ":12:5) failed: 0 of " + drawn
                            + " samples passed (observed 0.00, 95% interval 0.00–")
                    .contains("), passRate 0.80, sequential, stopped after " + drawn + " of 20\n"
                            + "Sample 1: 1 of 2 checks failed for 'wrong VAT' (" + file + ":12:5)\n"
                            + "  [FAIL] right queue (string): ")
                    .doesNotContain("flaky");
            // the samples are not failures of their own: the verdict is
            assertThat(results.testEvents().failed().count()).isEqualTo(1);
            assertThat(results.testEvents().aborted().count()).isEqualTo(drawn);
        }
    }

    @Test
    void a_case_whose_samples_disagree_is_flaky_naming_the_evaluator_that_flipped() throws Exception {
        Path file = prompt("samples: 5\npassRate: 0.6");
        AtomicInteger calls = new AtomicInteger();
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new Completion(calls.incrementAndGet() == 2 ? WRONG : RIGHT))) {
            EngineExecutionResults results = live(server).configurationParameter(Keys.SAMPLING_POLICY, "observed")
                    .selectors(selectFile(file.toString())).execute();

            assertThat(server.requests()).hasSize(5);
            assertThat(caseEvent(results).getRequiredPayload(TestExecutionResult.class).getStatus())
                    .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
            Event sample2 = results.testEvents().aborted().list().get(0);
            assertThat(sample2.getTestDescriptor().getDisplayName()).isEqualTo("wrong VAT [sample 2]");
            assertThat(sample2.getTestDescriptor().getUniqueId().getLastSegment().getType()).isEqualTo("sample");
            assertThat(sample2.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                    .startsWith("this sample did not pass; its case's verdict over every sample decides the build\n"
                            + "1 of 2 checks failed for 'wrong VAT [sample 2]'");
            assertThat(samplingEntry(results)).containsEntry("promptspec.sampling", "passed: 4 of 5 samples passed (observed 0.80,"
                    + " 95% interval 0.38–0.96), passRate 0.60, observed").containsEntry("promptspec.sampling.flaky", "true")
                    .containsEntry("promptspec.sampling.flipped", "right queue");

            JsonNode report = new ObjectMapper().readTree(project.resolve("reports/promptspec-report.json").toFile());
            JsonNode sampling = report.path("files").get(0).path("testResults").get(0).path("sampling");
            assertThat(sampling.path("verdict").asText()).isEqualTo("passed");
            assertThat(sampling.path("flaky").asBoolean()).isTrue();
            assertThat(sampling.path("flippedEvaluators").toString()).isEqualTo("[\"right queue\"]");
            assertThat(sampling.path("interval").path("lower").asDouble()).isBetween(0.37, 0.38);
            assertThat(sampling.path("sampleResults").get(1).path("failedChecks").toString()).isEqualTo("[\"right queue\"]");
            assertThat(report.path("summary").path("sampling").path("flakyCases").asInt()).isEqualTo(1);
            String summary = Files.readString(project.resolve("reports/promptspec-summary.md"));
            assertThat(summary).contains("Sampling: 1 case sampled, 5 of 5 samples drawn (0 calls saved against drawing every"
                            + " sample), 1 flaky, 0 inconclusive")
                    .contains("### Flaky").contains("**wrong VAT** — `" + file + ":12`: passed: 4 of 5 samples passed");
        }
    }

    @Test
    void a_sampled_suite_records_one_answer_per_sample_and_replays_offline_with_the_same_verdict() throws Exception {
        Path file = prompt("samples: 6\npassRate: 0.5");
        Path recordings = project.resolve("recordings");
        AtomicInteger calls = new AtomicInteger();
        String first;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new Completion(calls.incrementAndGet() % 3 == 0 ? WRONG : RIGHT))) {
            EngineExecutionResults recorded = live(server).configurationParameter(Keys.MODE, "auto")
                    .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString()).selectors(selectFile(file.toString())).execute();
            first = samplingEntry(recorded).get("promptspec.sampling");
            // once the third answer is wrong, neither a pass nor a fail is reachable within 6 samples: it stops, inconclusive
            assertThat(first).startsWith("inconclusive: 2 of 3 samples passed").contains("stopped after 3 of 6");
        }
        Path recorded;
        try (var files = Files.walk(recordings)) {
            recorded = files.filter(f -> f.getFileName().toString().equals("triage.recordings.yml")).findFirst().orElseThrow();
        }
        String yaml = Files.readString(recorded);
        assertThat(yaml).contains("  call: prompt\n  sample: 2\n").contains("  sample: 3\n").doesNotContain("sample: 4")
                .doesNotContain("sample: 1\n");

        EngineExecutionResults replayed = EngineKit.engine(Map.of()).configurationParameter(Keys.MODE, "replay")
                .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString()).selectors(selectFile(file.toString())).execute();
        assertThat(samplingEntry(replayed).get("promptspec.sampling")).isEqualTo(first);
        assertThat(replayed.testEvents().reportingEntryPublished().map(e -> e.getRequiredPayload(ReportEntry.class)
                .getKeyValuePairs().get("promptspec.response")).filter(o -> o != null).distinct().toList()).containsExactly("replayed");
        assertThat(caseEvent(replayed).getRequiredPayload(TestExecutionResult.class).getStatus())
                .isEqualTo(TestExecutionResult.Status.FAILED);
    }

    @Test
    void auto_records_only_the_samples_it_lacks() throws Exception {
        Path recordings = project.resolve("recordings");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new Completion(RIGHT))) {
            live(server).configurationParameter(Keys.MODE, "auto").configurationParameter(Keys.SAMPLING_POLICY, "observed")
                    .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                    .selectors(selectFile(prompt("samples: 3\npassRate: 0.6").toString())).execute();
            assertThat(server.requests()).hasSize(3);

            EngineExecutionResults more = live(server).configurationParameter(Keys.MODE, "auto")
                    .configurationParameter(Keys.SAMPLING_POLICY, "observed").configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                    .selectors(selectFile(prompt("samples: 5\npassRate: 0.6").toString())).execute();
            assertThat(server.requests()).as("samples 4 and 5 only").hasSize(5);
            assertThat(samplingEntry(more).get("promptspec.sampling")).startsWith("passed: 5 of 5 samples passed");
        }
    }

    @Test
    void samples_that_can_never_pass_are_a_load_error_that_says_the_minimum() throws Exception {
        Path file = prompt("samples: 10\npassRate: 0.8");
        EngineExecutionResults results = EngineKit.offline().selectors(selectFile(file.toString())).execute();

        Throwable failure = results.testEvents().failed().list().get(0).getRequiredPayload(TestExecutionResult.class)
                .getThrowable().orElseThrow();
        assertThat(failure.getMessage()).contains("triage.prompt.yml:4:1: error: samples: 10 with passRate: 0.8 can never pass:"
                + " at 95% confidence even 10 passes out of 10 leave the Wilson lower bound at 0.72, below 0.8; it needs at least"
                + " 16 samples. Set samples: 16 or more, lower passRate or confidence, or set promptspec.sampling.policy=observed");
    }

    @Test
    void the_configuration_samples_every_case_and_a_file_value_wins_over_it() throws Exception {
        Path file = prompt("passRate: 0.5");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new Completion(RIGHT))) {
            EngineExecutionResults results = live(server).configurationParameter(Keys.SAMPLES, "8")
                    .configurationParameter(Keys.PASS_RATE, "0.9").selectors(selectFile(file.toString())).execute();
            // passRate 0.5 (the file's): 4 passes of 4 reach the 95% lower bound 0.51, but a true rate of exactly 0.5 passes
            // 4 in a row 6.25% of the time, more than 5%: the pass bound is stricter and needs 5. 0.9 (the configuration's)
            // could never pass in 8.
            assertThat(server.requests()).hasSize(5);
            assertThat(samplingEntry(results).get("promptspec.sampling")).startsWith("passed: 5 of 5 samples passed")
                    .endsWith("passRate 0.50, sequential, stopped after 5 of 8");
        }
        EngineExecutionResults bad = EngineKit.offline().configurationParameter(Keys.SAMPLES, "8")
                .configurationParameter(Keys.PASS_RATE, "0.9").selectors(selectFile(prompt("").toString())).execute();
        assertThat(bad.testEvents().failed().list().get(0).getRequiredPayload(TestExecutionResult.class).getThrowable()
                .orElseThrow().getMessage()).contains("triage.prompt.yml: error: samples: 8 with passRate: 0.9 can never pass")
                .contains("it needs at least 35 samples");
    }

    @Test
    void samples_count_against_the_budget_and_a_spent_budget_skips_the_case_undecided() throws Exception {
        Path file = prompt("samples: 20\npassRate: 0.8");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new Completion(RIGHT))) {
            EngineExecutionResults results = live(server).configurationParameter(Keys.BUDGET_MAX_TOKENS, "400")
                    .selectors(selectFile(file.toString())).execute();

            int calls = server.requests().size();
            assertThat(calls).isBetween(2, 5); // each call uses about 140 tokens: the budget ends sampling long before 16
            Event verdict = caseEvent(results);
            TestExecutionResult result = verdict.getRequiredPayload(TestExecutionResult.class);
            assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
            assertThat(result.getThrowable().orElseThrow().getMessage()).contains("sample " + (calls + 1)).contains("budget");
            assertThat(samplingEntry(results).get("promptspec.sampling")).startsWith("undecided: " + calls + " of " + calls
                    + " samples passed");
        }
    }

    @Test
    void a_sample_id_selected_alone_runs_its_case() throws Exception {
        Path file = prompt("samples: 20\npassRate: 0.8");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new Completion(RIGHT))) {
            EngineExecutionResults first = live(server).selectors(selectFile(file.toString())).execute();
            var sampleId = first.allEvents().dynamicallyRegistered().list().get(3).getTestDescriptor().getUniqueId();
            EngineExecutionResults rerun = live(server).selectors(
                    org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId(sampleId)).execute();
            assertThat(caseEvent(rerun).getRequiredPayload(TestExecutionResult.class).getStatus())
                    .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
            assertThat(List.of(first.allEvents().dynamicallyRegistered().count(), rerun.allEvents().dynamicallyRegistered().count()))
                    .containsExactly(16L, 16L);
        }
    }
}
