package dev.promptspec.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.Verdict;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Role;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.problem.Position;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.report.CaseOutcome;
import dev.promptspec.report.ReportWriter;
import dev.promptspec.report.RunReport;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.SampleSet;
import dev.promptspec.sampling.Inconclusive;
import dev.promptspec.sampling.PassRate;
import dev.promptspec.sampling.SamplingPlan;
import dev.promptspec.sampling.SamplingPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run compared with a baseline written by a real run's report writer: every kind of change, and the statistics. */
class ComparisonTest {

    private static final String FILE = "prompts/support-triage.prompt.yml";
    private static final String BILLING = "**billing**\n\n- Reason: the invoice applies 20% VAT where the contract sets 7%.\n"
            + "- Route to: Billing operations, to issue a corrected invoice.";
    private static final String OTHER = "**other**\n\n- Reason: the customer cannot open the dashboard; often a proxy problem.\n"
            + "- Route to: Customer support, to ask for a HAR file.";
    private static final SamplingPlan PLAN = new SamplingPlan(10, 0.8, 0.95, SamplingPolicy.OBSERVED, Inconclusive.FAIL);

    private static CaseResult judged(String key, int line, String answer, boolean passes) {
        return new CaseResult(FILE, testCase(key, line), request(), response(answer), List.of(
                new CheckResult("category in bold", "string", passes ? Verdict.pass("starts with \"**billing**\"")
                        : Verdict.fail("does not start with \"**billing**\""), 1, null)), null, Duration.ofMillis(800));
    }

    private static CaseResult errored(String key, int line) {
        return new CaseResult(FILE, testCase(key, line), request(), null, List.of(), new ModelCallException(
                ModelCallException.Kind.HTTP_STATUS, "http://127.0.0.1:1/v1 answered HTTP 500: The server had an error", 1),
                Duration.ofMillis(30));
    }

    /** A case sampled 10 times, {@code passes} of them passing. */
    private static CaseResult sampled(String key, int line, int passes) {
        List<CaseResult> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(judged(key, line, i < passes ? BILLING : OTHER, i < passes));
        }
        PassRate rate = PassRate.of(PLAN, passes, 10, false);
        CaseResult shown = samples.get(samples.size() - 1);
        return new CaseResult(FILE, shown.testCase(), shown.request(), shown.response(), shown.checks(), null, Duration.ofSeconds(4),
                null, new SampleSet(rate, samples));
    }

    private static TestCase testCase(String key, int line) {
        return new TestCase(1, key, key, null, Map.of("ticket", "My invoice applies 20% VAT; my contract says 7%."), null, Set.of(),
                List.of(), new Position(FILE, line, 5));
    }

    private static ModelRequest request() {
        return new ModelRequest("gpt-4o-mini", List.of(new ChatMessage(Role.USER, "Classify the ticket")), ModelParameters.NONE, null);
    }

    private static ModelResponse response(String text) {
        return new ModelResponse(text, new TokenUsage(120, 40), Duration.ofMillis(700), "stop", "gpt-4o-mini-2024-07-18", 1,
                ModelResponse.Origin.LIVE);
    }

    /** The baseline: a report written as a run writes it. */
    private static Path baseline(Path dir, List<CaseResult> results) throws Exception {
        try (RunReport report = new RunReport(Instant.parse("2026-11-20T08:00:00Z"))) {
            results.forEach(r -> report.add(new CaseOutcome(r, r.testCase().key(), CaseOutcome.statusOf(r))));
            ReportWriter.write(report, dir, Instant.parse("2026-11-20T08:01:00Z"));
        }
        return dir.resolve(ReportWriter.JSON_FILE);
    }

    private static List<String> keys(List<CaseRef> refs) {
        return refs.stream().map(CaseRef::caseKey).toList();
    }

    @Test
    void every_case_is_labelled_and_listed_by_how_it_changed(@TempDir Path dir) throws Exception {
        Path path = baseline(dir, List.of(judged("billing", 10, BILLING, true), judged("refund", 20, OTHER, false),
                errored("outage", 30), judged("greeting", 40, BILLING, true), judged("old case", 50, BILLING, true),
                sampled("sampled noise", 60, 9), sampled("sampled drop", 70, 10)));
        Comparison comparison = new Comparison(BaselineReport.read(path), Set.of(FILE + "\nbilling", FILE + "\nrefund",
                FILE + "\noutage", FILE + "\ngreeting", FILE + "\nnew case", FILE + "\nsampled noise", FILE + "\nsampled drop"),
                true, 0.95);

        Map<String, CaseChange> changes = List.of(judged("billing", 10, OTHER, false), judged("refund", 20, BILLING, true),
                judged("outage", 30, OTHER, false), judged("greeting", 40, BILLING, true), judged("new case", 80, OTHER, false),
                sampled("sampled noise", 60, 7), sampled("sampled drop", 70, 2)).stream()
                .collect(Collectors.toMap(r -> r.testCase().key(), r -> comparison.compare(r, r.testCase().key())));

        assertThat(changes).containsEntry("billing", CaseChange.NEWLY_FAILING).containsEntry("refund", CaseChange.NEWLY_PASSING)
                .containsEntry("outage", CaseChange.STILL_FAILING).containsEntry("greeting", CaseChange.STILL_PASSING)
                .containsEntry("new case", CaseChange.ADDED).containsEntry("sampled noise", CaseChange.NOISE)
                .containsEntry("sampled drop", CaseChange.NEWLY_FAILING);
        ComparisonSummary s = comparison.summary();
        assertThat(s.path()).isEqualTo(path.toString());
        assertThat(s.finishedAt()).isEqualTo("2026-11-20T08:01:00Z");
        assertThat(keys(s.newlyFailing())).containsExactly("billing", "sampled drop");
        assertThat(keys(s.newlyPassing())).containsExactly("refund");
        assertThat(keys(s.stillFailing())).containsExactly("outage");
        assertThat(keys(s.added())).containsExactly("new case");
        assertThat(keys(s.removed())).containsExactly("old case");
        assertThat(s.newlyFailing().get(0)).isEqualTo(new CaseRef(FILE, "billing", "gpt-4o-mini", "billing"));
        // 7 of 10 against 9 of 10: (8008 + 45760) / 184756, see ExactTestsTest
        assertThat(s.noise()).singleElement().satisfies(n -> {
            assertThat(n.ref().caseKey()).isEqualTo("sampled noise");
            assertThat(n.passRateBefore()).isEqualTo(0.9);
            assertThat(n.passRateAfter()).isEqualTo(0.7);
            assertThat(n.pValue()).isCloseTo(53768.0 / 184756, within(1e-12));
        });
        assertThat(s.scoreChanges()).extracting(c -> c.ref().caseKey() + ": " + c.evaluator() + " " + c.before() + " -> " + c.after())
                .containsExactly("billing: category in bold 1.0 -> 0.0", "refund: category in bold 0.0 -> 1.0",
                        "sampled drop: category in bold 1.0 -> 0.0"); // the shown (last) sample: 10 of 10 passed, then 2

        // the sampled cases show their last sample, whose answer differs from the baseline's last one only in "sampled drop"
        assertThat(keys(s.changedResponses())).containsExactly("billing", "refund", "sampled drop");
        // passed then failed: billing, sampled drop, sampled noise; failed then passed: refund. 2 * (1 + 4) / 16
        assertThat(s.mcnemar()).isEqualTo(new ComparisonSummary.McNemar(3, 1, 0.625, false, 0.95));
    }

    @Test
    void a_sampled_case_that_errors_now_is_newly_failing_never_noise(@TempDir Path dir) throws Exception {
        Path path = baseline(dir, List.of(sampled("sampled drop", 70, 9)));
        Comparison comparison = new Comparison(BaselineReport.read(path), Set.of(FILE + "\nsampled drop"), true, 0.95);
        CaseResult error = errored("sampled drop", 70);
        CaseResult noSample = new CaseResult(FILE, error.testCase(), error.request(), null, List.of(), error.error(),
                Duration.ofMillis(30), null, new SampleSet(PassRate.of(PLAN, 0, 0, false), List.of()));

        assertThat(comparison.compare(noSample, "sampled drop")).isEqualTo(CaseChange.NEWLY_FAILING);
        assertThat(comparison.summary().noise()).isEmpty();
    }

    @Test
    void a_case_still_in_the_suite_but_not_run_is_not_removed_and_only_the_first_shard_lists_removed(@TempDir Path dir)
            throws Exception {
        Path path = baseline(dir, List.of(judged("billing", 10, BILLING, true), judged("refund", 20, OTHER, false)));
        BaselineReport baseline = BaselineReport.read(path);

        assertThat(new Comparison(baseline, Set.of(FILE + "\nbilling"), true, 0.95).summary().removed())
                .extracting(CaseRef::caseKey).containsExactly("refund");
        assertThat(new Comparison(baseline, Set.of(FILE + "\nbilling"), false, 0.95).summary().removed()).isEmpty();
    }

    @Test
    void a_baseline_that_is_no_report_is_an_error_naming_the_key_the_path_and_the_fix(@TempDir Path dir) throws Exception {
        Path notJson = Files.writeString(dir.resolve("report.json"), "{\"tool\": \"PromptSpec\",\n  \"files\": [ oops ]}");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"testResults\": []}");

        assertThatThrownBy(() -> BaselineReport.read(notJson)).isInstanceOf(BaselineException.class)
                .hasMessageStartingWith("promptspec.baseline=" + notJson + " cannot be used: it is not valid JSON at line 2, column ")
                .hasMessageEndingWith("; give the promptspec-report.json an earlier run wrote");
        assertThatThrownBy(() -> BaselineReport.read(other)).isInstanceOf(BaselineException.class)
                .hasMessage("promptspec.baseline=" + other + " cannot be used: it is not a PromptSpec report (no \"tool\":"
                        + " \"PromptSpec\"); give the promptspec-report.json an earlier run wrote");
    }
}
