package dev.promptspec.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.baseline.CaseChange;
import dev.promptspec.config.PriceTable;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.internal.util.Json;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.problem.Problem;
import dev.promptspec.run.BatchSummary;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.SampleSet;
import dev.promptspec.sampling.PassRate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * The machine-readable report: every case with its variables, response, usage and every check's verdict, and every
 * prompt file that could not run with its problems (status {@code error}, counted in {@code erroredTests}).
 * Its shape follows gh-models' {@code --json} output where the two overlap (testResults, evaluationResults).
 */
final class JsonReport {

    private static final ObjectMapper JSON = Json.MAPPER;

    private JsonReport() {
    }

    /** The whole report as text (tests, small runs); {@link #write} streams it. */
    static String render(RunReport report, Instant finishedAt) {
        StringWriter out = new StringWriter();
        try {
            write(report, finishedAt, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Streams the report to {@code out}: the summary from the report's counters, then each file's cases copied from
     * the spool one record at a time, as they were formatted when the case ended, so writing it needs memory for one
     * case, not for the run, and formats nothing again.
     */
    static void write(RunReport report, Instant finishedAt, Writer out) throws IOException {
        write(report, finishedAt, out, (g, record) -> g.writeRawValue(new String(record, StandardCharsets.UTF_8)));
    }

    /** {@link #write(RunReport, Instant, Writer)} into a file, with each record copied as the bytes it was spooled as. */
    static void write(RunReport report, Instant finishedAt, OutputStream file) throws IOException {
        RawRecords raw = new RawRecords(file);
        write(report, finishedAt, raw.writer(), (g, record) -> raw.value(g, record, 0, record.length));
        raw.writer().flush();
    }

    /** How a spooled record goes into the report: it is one value of its file's {@code testResults}. */
    private interface RecordCopy {
        void copy(JsonGenerator g, byte[] record) throws IOException;
    }

    /**
     * The report without its cases' records: every file's {@code testResults} is empty. The HTML page takes its run
     * data from this (a few kilobytes) and its cases from the spool, instead of parsing the whole report again.
     */
    static String skeleton(RunReport report, Instant finishedAt) {
        StringWriter out = new StringWriter();
        try {
            write(report, finishedAt, out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** @param records how each case's record is copied; null: none is (see {@link #skeleton}) */
    private static void write(RunReport report, Instant finishedAt, Writer out, RecordCopy records) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("tool", "PromptSpec");
            g.writeStringField("startedAt", report.startedAt().toString());
            g.writeStringField("finishedAt", finishedAt.toString());
            g.writeFieldName("summary");
            g.writeTree(summary(report));
            if (report.baseline().isPresent()) {
                g.writeFieldName("baseline");
                g.writeTree(BaselineSection.json(report.baseline().get()));
            }
            if (report.shard().isPresent()) {
                g.writeObjectFieldStart("shard");
                g.writeNumberField("index", report.shard().get().index());
                g.writeNumberField("count", report.shard().get().count());
                g.writeEndObject();
                g.writeStringField("suite", report.suite());
            }
            if (report.batch().isPresent()) {
                g.writeFieldName("batch");
                g.writeTree(batch(report.batch().get()));
            }
            g.writeArrayFieldStart("files");
            for (Map.Entry<String, RunReport.FileTally> e : report.files().entrySet()) {
                g.writeStartObject();
                g.writeStringField("file", e.getKey());
                g.writeArrayFieldStart("testResults");
                for (long[] where : records != null ? e.getValue().records : List.<long[]>of()) {
                    records.copy(g, report.record(where)); // formatted for this place
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            for (InvalidFile invalid : report.invalidFiles()) {
                g.writeTree(invalidFileNode(invalid));
            }
            g.writeEndArray();
            if (report.mutation().isPresent()) {
                g.writeFieldName("mutation");
                g.writeTree(MutationSection.summary(report.mutation().get()));
            }
            g.writeEndObject();
        }
        out.write("\n");
    }

    static ObjectNode summary(RunReport report) {
        ObjectNode summary = JSON.createObjectNode();
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
        if (report.sampledCases() > 0) {
            ObjectNode sampling = summary.putObject("sampling");
            sampling.put("sampledCases", report.sampledCases());
            sampling.put("samplesDrawn", report.samplesDrawn());
            sampling.put("samplesAllowed", report.samplesAllowed());
            sampling.put("samplesSaved", report.samplesAllowed() - report.samplesDrawn());
            sampling.put("flakyCases", report.flakyCases());
            sampling.put("inconclusiveCases", report.inconclusiveCases());
        }
        report.runUsage().ifPresent(u -> {
            ObjectNode calls = summary.putObject("calls");
            calls.put("summary", UsageSummary.line(u));
            UsageSummary.entries(u).forEach(calls::put);
        });
        return summary;
    }

    /** The {@code batch} section: the run's jobs, the calls sent, their cost at batch prices and what that saved. */
    static ObjectNode batch(BatchSummary b) {
        ObjectNode n = JSON.createObjectNode();
        var jobs = n.putArray("jobs");
        for (BatchSummary.Job j : b.jobs()) {
            jobs.addObject().put("id", j.id()).put("status", j.status()).put("requests", j.requests()).put("failed", j.failed());
        }
        n.put("submittedCalls", b.submittedCalls());
        n.put("estimatedCost", b.estimatedCost());
        n.put("savedVersusLive", b.savedVersusLive());
        return n;
    }

    /** How deep a case's record sits in the report: in the root object, then in its file's object (arrays indent inline). */
    private static final int RECORD_NESTING = 2;

    /** One case's record as the report holds it: pretty-printed at its depth, ready to be copied in as it is. */
    static String caseRecord(CaseOutcome o, PriceTable prices) {
        return new String(caseRecordBytes(o, prices, null), StandardCharsets.UTF_8);
    }

    /**
     * {@link #caseRecord} in UTF-8, rendered on the thread that ends the case, so that writing the report copies each
     * record instead of parsing and formatting it again. (Text that is not valid UTF-16, a lone surrogate, becomes '?'
     * here, as it did in the report before.)
     */
    static byte[] caseRecordBytes(CaseOutcome o, PriceTable prices, CaseChange change) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(new NestedPrettyPrinter(RECORD_NESTING));
            writeCase(g, o, prices, change);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Jackson's default layout, starting {@code nesting} objects deep. */
    private static final class NestedPrettyPrinter extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        NestedPrettyPrinter(int nesting) {
            _nesting = nesting;
        }
    }

    /** Streams the case's record: no tree is built for each case. */
    private static void writeCase(JsonGenerator g, CaseOutcome o, PriceTable prices, CaseChange change) throws IOException {
        g.writeStartObject();
        writeCaseFields(g, o, prices, change, true);
        g.writeEndObject();
    }

    /**
     * The fields of a case's record, in the report's order; the HTML page's copy leaves out the request's fingerprint
     * ({@code withFingerprint} false).
     */
    static void writeCaseFields(JsonGenerator g, CaseOutcome o, PriceTable prices, CaseChange change, boolean withFingerprint)
            throws IOException {
        CaseResult r = o.result();
        g.writeStringField("case", r.testCase().key());
        g.writeStringField("displayName", o.displayName());
        g.writeNumberField("line", r.testCase().position().line());
        g.writeStringField("status", o.status().name().toLowerCase(Locale.ROOT));
        if (change != null && change != CaseChange.STILL_PASSING) {
            g.writeStringField("baseline", change.label());
        }
        g.writeNumberField("score", r.score());
        g.writeNumberField("durationMs", r.duration().toMillis());
        OptionalDouble cost = cost(r, prices);
        if (cost.isPresent()) {
            g.writeNumberField("costUsd", cost.getAsDouble());
        }
        if (!r.testCase().tags().isEmpty()) {
            g.writeArrayFieldStart("tags");
            for (String tag : new TreeSet<>(r.testCase().tags())) { // sorted: a set's order would change between runs
                g.writeString(tag);
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("testCase");
        for (Map.Entry<String, String> v : r.testCase().variables().entrySet()) {
            g.writeStringField(v.getKey(), v.getValue());
        }
        g.writeEndObject();
        if (r.request() != null) {
            g.writeStringField("model", r.request().model());
            if (withFingerprint) {
                g.writeStringField("requestFingerprint", r.request().fingerprint());
            }
            g.writeArrayFieldStart("messages"); // the rendered prompt, as sent
            for (ChatMessage m : r.request().messages()) {
                g.writeStartObject();
                g.writeStringField("role", m.role().wireName());
                g.writeStringField("content", m.content());
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (o.model() != null) {
            g.writeStringField("model", o.model()); // several models: every record says which, rendered or not
        }
        ModelResponse resp = r.response();
        if (resp != null) {
            g.writeStringField("modelResponse", resp.text());
            g.writeObjectFieldStart("response");
            if (resp.modelId() != null) {
                g.writeStringField("model", resp.modelId());
            }
            g.writeStringField("origin", resp.origin().name().toLowerCase(Locale.ROOT));
            if (resp.finishReason() != null) {
                g.writeStringField("finishReason", resp.finishReason());
            }
            g.writeObjectFieldStart("usage");
            writeUsage(g, resp.usage());
            g.writeEndObject();
            g.writeNumberField("latencyMs", resp.latency().toMillis());
            g.writeNumberField("attempts", resp.attempts());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("evaluationResults");
        for (CheckResult check : r.checks()) {
            g.writeStartObject();
            g.writeStringField("evaluatorName", check.name());
            g.writeStringField("kind", check.kind());
            g.writeNumberField("score", check.verdict().score());
            g.writeBooleanField("passed", check.passed());
            g.writeStringField("details", check.verdict().detail());
            g.writeNumberField("weight", check.weight());
            if (check.error() != null) {
                g.writeStringField("error", check.error().toString());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (r.error() != null) {
            g.writeStringField("error", r.error().getMessage() == null ? r.error().toString() : r.error().getMessage());
        }
        if (o.mutation() != null) {
            MutationSection.writeCase(g, o.mutation());
        }
        if (r.sampling() != null) { // rare and small beside the samples' texts: built as a tree, then streamed
            ObjectNode n = JSON.createObjectNode();
            sampling(n, r.sampling());
            g.writeFieldName("sampling");
            JSON.writeTree(g, n);
        }
    }

    /**
     * What every call the case's verdict needed costs (each sample of a sampled case; for a replayed answer, what it
     * would cost live), or empty when no answer had a price and known tokens.
     */
    private static OptionalDouble cost(CaseResult r, PriceTable prices) {
        List<CaseResult> answered = r.sampling() == null ? List.of(r) : r.sampling().samples();
        double sum = 0;
        boolean priced = false;
        for (CaseResult a : answered) {
            if (a.response() != null && a.request() != null) {
                OptionalDouble c = prices.cost(a.request(), a.response());
                if (c.isPresent()) {
                    sum += c.getAsDouble();
                    priced = true;
                }
            }
        }
        return priced ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    private static void writeUsage(JsonGenerator g, TokenUsage u) throws IOException {
        if (u.inputTokens() != null) {
            g.writeNumberField("inputTokens", u.inputTokens());
        }
        if (u.outputTokens() != null) {
            g.writeNumberField("outputTokens", u.outputTokens());
        }
    }

    /** A sampled case's verdict and its samples, each with its status, failed checks and response. */
    private static void sampling(ObjectNode n, SampleSet set) {
        PassRate rate = set.rate();
        n.put("verdict", rate.outcome().label());
        n.put("policy", rate.plan().policy().label());
        n.put("samples", rate.plan().samples());
        n.put("drawn", rate.drawn());
        n.put("passed", rate.passes());
        n.put("passRate", rate.plan().passRate());
        n.put("observedRate", rate.observedRate());
        n.put("confidence", rate.plan().confidence());
        ObjectNode interval = n.putObject("interval");
        interval.put("lower", rate.interval().lower());
        interval.put("upper", rate.interval().upper());
        n.put("inconclusive", rate.plan().inconclusive().label());
        rate.moreSamples().ifPresent(m -> n.put("moreSamples", m));
        n.put("samplesSaved", rate.samplesSaved());
        n.put("flaky", set.flaky());
        ArrayNode flipped = n.putArray("flippedEvaluators");
        set.flipped().forEach(flipped::add);
        n.put("summary", rate.describe());
        ArrayNode samples = n.putArray("sampleResults");
        for (int i = 0; i < set.samples().size(); i++) {
            CaseResult s = set.samples().get(i);
            ObjectNode one = samples.addObject();
            one.put("sample", i + 1);
            one.put("status", s.error() != null ? "error" : s.passed() ? "passed" : "failed");
            one.put("score", s.score());
            ArrayNode failed = one.putArray("failedChecks");
            s.failedChecks().forEach(f -> failed.add(f.name()));
            if (s.response() != null) {
                one.put("origin", s.response().origin().name().toLowerCase(Locale.ROOT));
                one.put("modelResponse", s.response().text());
            }
            if (s.error() != null) {
                one.put("error", s.error().getMessage() == null ? s.error().toString() : s.error().getMessage());
            }
        }
    }

    /** A file that could not run: status error, its problems, and no test results. */
    static ObjectNode invalidFileNode(InvalidFile invalid) {
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
