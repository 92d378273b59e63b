package dev.promptspec.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.config.PriceTable;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.Verdict;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Role;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.problem.Position;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.SampleSet;
import dev.promptspec.sampling.Inconclusive;
import dev.promptspec.sampling.PassRate;
import dev.promptspec.sampling.SamplingPlan;
import dev.promptspec.sampling.SamplingPolicy;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/** Runs for the HTML report's tests, built through the real report classes, and the page made from each. */
final class HtmlFixtures {

    static final String TRIAGE = "prompts/support-triage.prompt.yml";
    static final Instant STARTED = Instant.parse("2026-11-26T10:00:00Z");
    static final Instant FINISHED = Instant.parse("2026-11-26T10:00:05Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer that tries every way model output could run script or fetch something. */
    static final String HOSTILE_ANSWER = """
            Category: billing

            <script>window.__pwned = 'script';</script>

            <img src="missing.png" onerror="window.__pwned = 'onerror'">

            Please use [the refund form](javascript:window.__pwned='link') ![tracking pixel](https://tracker.example/pixel.png)
            """;

    private HtmlFixtures() {
    }

    static ModelRequest request(String model, String ticket) {
        return new ModelRequest(model, List.of(new ChatMessage(Role.SYSTEM, "You triage support tickets. Answer with a category and a priority."),
                new ChatMessage(Role.USER, "Ticket: " + ticket)), ModelParameters.NONE, null);
    }

    static TestCase testCase(int index, String key, String ticket, int line) {
        return new TestCase(index, key, key, null, Map.of("ticket", ticket), null, Set.of("triage"), List.of(), new Position(TRIAGE, line, 5));
    }

    static CaseOutcome outcome(TestCase testCase, String model, String answer, long latencyMs, List<CheckResult> checks) {
        CaseResult result = new CaseResult(TRIAGE, testCase, request(model, testCase.variables().get("ticket")),
                new ModelResponse(answer, new TokenUsage(140, 24), Duration.ofMillis(latencyMs), "stop", model, 1, ModelResponse.Origin.REPLAYED),
                checks, null, Duration.ofMillis(latencyMs + 2));
        return new CaseOutcome(result, testCase.key(), CaseOutcome.statusOf(result));
    }

    static CheckResult check(String name, boolean passed, String detail) {
        return new CheckResult(name, "string", passed ? Verdict.pass(detail) : Verdict.fail(detail), 1, null);
    }

    /** One case whose answer is {@link #HOSTILE_ANSWER}, judged (and passed) as a billing ticket. */
    static RunReport hostile() {
        RunReport report = new RunReport(STARTED, PriceTable.defaults());
        report.add(outcome(testCase(1, "duplicate charge", "I was charged twice for March", 12), "gpt-4o-mini", HOSTILE_ANSWER, 910,
                List.of(check("category", true, "contains \"billing\""))));
        return report;
    }

    /**
     * {@code n} short cases in 20 files, as a large suite's run: a ticket each, a two-line answer, one check; every tenth
     * fails.
     */
    static RunReport shortCases(int n) {
        RunReport report = new RunReport(STARTED, PriceTable.defaults());
        for (int i = 1; i <= n; i++) {
            boolean fails = i % 10 == 0;
            String file = "prompts/triage-" + (i % 20) + ".prompt.yml";
            TestCase testCase = new TestCase(i, "#" + i, null, null, Map.of("ticket", "Order " + i + " arrived damaged, please replace it"),
                    null, Set.of(), List.of(), new Position(file, 10 + i, 5));
            CaseResult result = new CaseResult(file, testCase, request("gpt-4o-mini", testCase.variables().get("ticket")),
                    new ModelResponse(fails ? "Category: billing\nPriority: low" : "Category: shipping\nPriority: high",
                            new TokenUsage(52, 9), Duration.ofMillis(300 + i % 900), "stop", "gpt-4o-mini", 1, ModelResponse.Origin.REPLAYED),
                    List.of(check("category", !fails, fails ? "does not contain \"shipping\"" : "contains \"shipping\"")), null,
                    Duration.ofMillis(2));
            report.add(new CaseOutcome(result, "#" + i, CaseOutcome.statusOf(result)));
        }
        return report;
    }

    /** A passing case, and a sampled case whose three samples disagree (two pass): a flaky one. */
    static RunReport flaky() {
        RunReport report = new RunReport(STARTED, PriceTable.defaults());
        TestCase steady = testCase(1, "refund", "Please refund my duplicate charge", 12);
        report.add(outcome(steady, "gpt-4o-mini", "Category: billing\nPriority: high", 640, List.of(check("category", true, "contains \"billing\""))));
        TestCase wobbly = testCase(2, "parcel", "Where is my parcel? It is a week late.", 18);
        List<CaseResult> samples = List.of(
                outcome(wobbly, "gpt-4o-mini", "Category: shipping\nPriority: normal", 600, List.of(check("category", true, "contains \"shipping\""))).result(),
                outcome(wobbly, "gpt-4o-mini", "Category: billing\nPriority: low", 610, List.of(check("category", false, "does not contain \"shipping\""))).result(),
                outcome(wobbly, "gpt-4o-mini", "Category: shipping\nPriority: high", 620, List.of(check("category", true, "contains \"shipping\""))).result());
        SamplingPlan plan = new SamplingPlan(3, 0.6, SamplingPlan.DEFAULT_CONFIDENCE, SamplingPolicy.OBSERVED, Inconclusive.FAIL);
        CaseResult first = samples.get(0);
        CaseResult sampled = new CaseResult(TRIAGE, wobbly, first.request(), first.response(), first.checks(), null, Duration.ofMillis(1830),
                OptionalDouble.empty(), new SampleSet(PassRate.of(plan, 2, 3, false), samples));
        report.add(new CaseOutcome(sampled, "parcel", CaseOutcome.statusOf(sampled)));
        return report;
    }

    /** The same two tickets asked of two models: a prompt × model matrix. */
    static RunReport twoModels() {
        RunReport report = new RunReport(STARTED, PriceTable.defaults());
        TestCase refund = testCase(1, "refund", "Please refund my duplicate charge", 12);
        TestCase parcel = testCase(2, "parcel", "Where is my parcel? It is a week late.", 18);
        report.add(outcome(refund, "gpt-4o-mini", "Category: billing\nPriority: high", 640, List.of(check("category", true, "contains \"billing\""))));
        report.add(outcome(refund, "gpt-4.1", "Category: billing\nPriority: high", 1210, List.of(check("category", true, "contains \"billing\""))));
        report.add(outcome(parcel, "gpt-4o-mini", "Category: billing\nPriority: low", 580,
                List.of(check("category", false, "does not contain \"shipping\""))));
        report.add(outcome(parcel, "gpt-4.1", "Category: shipping\nPriority: normal", 1380, List.of(check("category", true, "contains \"shipping\""))));
        return report;
    }

    /**
     * {@code report}'s JSON with the sections other features add (their agreed shapes), a section no version of the page
     * knows, and the per-case fields of baseline and mutation.
     */
    static String withSections(RunReport report) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(JsonReport.render(report, FINISHED));
            root.putObject("shard").put("index", 1).put("count", 2);
            root.put("suite", "sha256:3f1c");
            ObjectNode baseline = root.putObject("baseline");
            baseline.put("path", "baseline/promptspec-report.json").put("finishedAt", "2026-11-25T10:00:05Z");
            baseline.putArray("newlyFailing").add(ref("parcel", "gpt-4o-mini"));
            baseline.putArray("newlyPassing");
            baseline.putArray("stillFailing");
            baseline.putArray("added").add(ref("refund", "gpt-4.1"));
            baseline.putArray("removed").add(ref("outage", "gpt-4o-mini"));
            baseline.putArray("noise");
            ObjectNode change = ref("parcel", "gpt-4o-mini").put("evaluator", "category").put("before", 1.0).put("after", 0.0);
            baseline.putArray("scoreChanges").add(change);
            baseline.putArray("changedResponses").add(ref("parcel", "gpt-4o-mini"));
            baseline.putObject("mcnemar").put("passedThenFailed", 1).put("failedThenPassed", 0).put("pValue", 1.0).put("significant", false);
            ObjectNode mutation = root.putObject("mutation");
            mutation.put("score", 0.75).put("killed", 3).put("applicable", 4).put("threshold", 0.6);
            mutation.putArray("files").addObject().put("file", TRIAGE).put("score", 0.75).put("killed", 3).put("applicable", 4);
            ObjectNode batch = root.putObject("batch");
            batch.putArray("jobs").addObject().put("id", "batch_6721").put("status", "completed").put("requests", 4).put("failed", 0);
            batch.put("submittedCalls", 4).put("estimatedCost", 0.0004).put("savedVersusLive", 0.0004);
            root.putObject("aSectionFromTheFuture").put("anything", "at all");
            for (JsonNode file : root.path("files")) {
                for (JsonNode c : file.path("testResults")) {
                    ObjectNode record = (ObjectNode) c;
                    record.put("baseline", record.path("status").asText().equals("failed") ? "newly-failing" : "added");
                    ObjectNode caseMutation = record.putObject("mutation").put("score", 0.5).put("killed", 1).put("applicable", 2);
                    ArrayNode mutants = caseMutation.putArray("mutants");
                    mutants.addObject().put("operator", "drop-section").put("status", "killed").put("killedBy", "category")
                            .put("diff", "- Answer with a category and a priority.");
                    mutants.addObject().put("operator", "negate-instruction").put("status", "survived")
                            .put("diff", "~ Answer without a category");
                }
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode ref(String key, String model) {
        return JSON.createObjectNode().put("file", TRIAGE).put("case", key).put("model", model).put("displayName", key);
    }

    /** The page made from a JSON report. */
    static String page(String json) {
        StringWriter out = new StringWriter();
        try {
            HtmlReport.write(new StringReader(json), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String page(RunReport report) {
        return page(JsonReport.render(report, FINISHED));
    }
}
