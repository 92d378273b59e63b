package dev.promptspec.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.problem.Problem;
import dev.promptspec.run.CaseResult;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable report: every case with its variables, response, usage and every check's verdict, and every
 * prompt file that could not run with its problems (status {@code error}, counted in {@code erroredTests}).
 * Its shape follows gh-models' {@code --json} output where the two overlap (testResults, evaluationResults).
 */
final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static String render(RunReport report, Instant finishedAt) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "PromptSpec");
        root.put("startedAt", report.startedAt().toString());
        root.put("finishedAt", finishedAt.toString());
        ObjectNode summary = root.putObject("summary");
        long tests = report.tests();
        summary.put("totalTests", tests);
        summary.put("passedTests", report.count(CaseOutcome.Status.PASSED));
        summary.put("failedTests", report.count(CaseOutcome.Status.FAILED));
        summary.put("erroredTests", report.errors());
        summary.put("abortedTests", report.count(CaseOutcome.Status.ABORTED));
        summary.put("invalidFiles", report.invalidFiles().size());
        summary.put("passRate", tests == 0 ? 0 : 100.0 * report.count(CaseOutcome.Status.PASSED) / tests);
        usage(summary.putObject("usage"), report.usage());
        summary.put("replayedResponses", report.count(ModelResponse.Origin.REPLAYED));
        summary.put("liveResponses", report.count(ModelResponse.Origin.LIVE) + report.count(ModelResponse.Origin.RECORDED));
        ArrayNode files = root.putArray("files");
        for (Map.Entry<String, List<CaseOutcome>> e : report.byFile().entrySet()) {
            ObjectNode f = files.addObject();
            f.put("file", e.getKey());
            ArrayNode cases = f.putArray("testResults");
            for (CaseOutcome o : e.getValue()) {
                cases.add(caseNode(o));
            }
        }
        for (InvalidFile invalid : report.invalidFiles()) {
            files.add(invalidFileNode(invalid));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ObjectNode caseNode(CaseOutcome o) {
        CaseResult r = o.result();
        ObjectNode c = JSON.createObjectNode();
        c.put("case", r.testCase().key());
        c.put("displayName", o.displayName());
        c.put("line", r.testCase().position().line());
        c.put("status", o.status().name().toLowerCase(Locale.ROOT));
        c.put("score", r.score());
        c.put("durationMs", r.duration().toMillis());
        ObjectNode vars = c.putObject("testCase");
        r.testCase().variables().forEach(vars::put);
        if (r.request() != null) {
            c.put("model", r.request().model());
            c.put("requestFingerprint", r.request().fingerprint());
        }
        ModelResponse resp = r.response();
        if (resp != null) {
            c.put("modelResponse", resp.text());
            ObjectNode m = c.putObject("response");
            if (resp.modelId() != null) {
                m.put("model", resp.modelId());
            }
            m.put("origin", resp.origin().name().toLowerCase(Locale.ROOT));
            if (resp.finishReason() != null) {
                m.put("finishReason", resp.finishReason());
            }
            usage(m.putObject("usage"), resp.usage());
            m.put("latencyMs", resp.latency().toMillis());
            m.put("attempts", resp.attempts());
        }
        ArrayNode checks = c.putArray("evaluationResults");
        for (CheckResult check : r.checks()) {
            ObjectNode n = checks.addObject();
            n.put("evaluatorName", check.name());
            n.put("kind", check.kind());
            n.put("score", check.verdict().score());
            n.put("passed", check.passed());
            n.put("details", check.verdict().detail());
            n.put("weight", check.weight());
            if (check.error() != null) {
                n.put("error", check.error().toString());
            }
        }
        if (r.error() != null) {
            c.put("error", r.error().getMessage() == null ? r.error().toString() : r.error().getMessage());
        }
        return c;
    }

    /** A file that could not run: status error, its problems, and no test results. */
    private static ObjectNode invalidFileNode(InvalidFile invalid) {
        ObjectNode f = JSON.createObjectNode();
        f.put("file", invalid.promptFile());
        f.put("displayName", invalid.displayName());
        f.put("status", CaseOutcome.Status.ERROR.name().toLowerCase(Locale.ROOT));
        ArrayNode problems = f.putArray("problems");
        for (Problem p : invalid.problems()) {
            ObjectNode n = problems.addObject();
            n.put("line", p.position().line());
            n.put("column", p.position().column());
            n.put("message", p.message());
            n.put("fix", p.fix());
            n.put("text", p.format());
        }
        f.putArray("testResults");
        return f;
    }

    private static void usage(ObjectNode n, TokenUsage u) {
        if (u.inputTokens() != null) {
            n.put("inputTokens", u.inputTokens());
        }
        if (u.outputTokens() != null) {
            n.put("outputTokens", u.outputTokens());
        }
    }
}
