package dev.promptspec.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.baseline.ComparisonSummary;
import dev.promptspec.config.ReportsLocation;
import dev.promptspec.internal.util.AtomicFiles;
import dev.promptspec.internal.util.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Merges the JSON reports of a suite's shards ({@code promptspec.shard=k/n}, one CI job each) into one JSON report, one
 * Markdown summary and one HTML page, as one run of the whole suite would have written them. Refuses reports of different suites,
 * a shard given twice or missing, and a case in two reports.
 *
 * <pre>java -cp CLASSPATH dev.promptspec.report.Merge OUT_DIR SHARD_REPORT...</pre>
 *
 * Reads every report whole: memory grows with the suite's reports.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Merge {

    private static final List<String> COUNTS = List.of("totalTests", "passedTests", "failedTests", "erroredTests", "abortedTests",
            "invalidFiles", "replayedResponses", "liveResponses");
    private static final List<String> SAMPLING_COUNTS = List.of("sampledCases", "samplesDrawn", "samplesAllowed", "samplesSaved",
            "flakyCases", "inconclusiveCases");
    private static final Comparator<JsonNode> CASE_ORDER = Comparator.<JsonNode>comparingInt(c -> c.path("line").asInt())
            .thenComparing(c -> c.path("case").asText()).thenComparing(c -> c.path("model").asText(""));

    private Merge() {
    }

    /** Exit status 0 when merged, 1 when the reports cannot be merged (the reason on standard error), 2 on a wrong call. */
    public static void main(String[] args) {
        System.exit(run(args, System::getenv, System.out, System.err));
    }

    /**
     * {@link #main}, with the environment and streams given: merges, and appends the merged summary to the job summary
     * when {@value ReportsLocation#STEP_SUMMARY_VARIABLE} names one, as the engine does.
     *
     * @return the exit status
     */
    static int run(String[] args, Function<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println("usage: java -cp CLASSPATH dev.promptspec.report.Merge OUT_DIR SHARD_REPORT...\n"
                    + "  merges the promptspec-report.json of every shard of a suite into OUT_DIR");
            return 2;
        }
        try {
            List<Path> written = merge(Path.of(args[0]), Arrays.stream(args, 1, args.length).map(Path::of).toList());
            written.forEach(p -> out.println("wrote " + p));
            String stepSummary = environment.apply(ReportsLocation.STEP_SUMMARY_VARIABLE);
            if (stepSummary != null && !stepSummary.isBlank()) {
                ReportWriter.appendSummary(Path.of(args[0]), Path.of(stepSummary));
            }
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            err.println("PromptSpec merge: " + e.getMessage());
            return 1;
        }
    }

    /**
     * @return the files written into {@code outDir}: {@value ReportWriter#JSON_FILE}, {@value ReportWriter#MARKDOWN_FILE},
     *         {@value ReportWriter#HTML_FILE}
     * @throws IllegalArgumentException when the reports are not the shards of one suite, each once
     */
    public static List<Path> merge(Path outDir, List<Path> shardReports) throws IOException {
        List<ShardReport> shards = new ArrayList<>();
        for (Path p : shardReports) {
            shards.add(ShardReport.read(p));
        }
        check(shards);
        ObjectNode merged = merged(shards);
        Path json = outDir.resolve(ReportWriter.JSON_FILE);
        Path md = outDir.resolve(ReportWriter.MARKDOWN_FILE);
        AtomicFiles.write(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(merged) + "\n");
        AtomicFiles.write(md, markdown(merged));
        return List.of(json, md, ReportWriter.writeHtml(json, outDir));
    }

    /** One shard's report. */
    private record ShardReport(Path path, JsonNode report, int index, int count, String suite) {

        static ShardReport read(Path path) throws IOException {
            JsonNode report;
            try {
                report = Json.MAPPER.readTree(path.toFile());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(path + " is not JSON: " + e.getOriginalMessage(), e);
            }
            if (report == null || !"PromptSpec".equals(report.path("tool").asText())) {
                throw new IllegalArgumentException(path + " is not a PromptSpec report (no \"tool\": \"PromptSpec\")");
            }
            if (!report.has("shard") || !report.has("suite")) {
                throw new IllegalArgumentException(path + " is not a shard's report (it has no \"shard\"): run each job with"
                        + " promptspec.shard=k/n, then merge their reports");
            }
            return new ShardReport(path, report, report.path("shard").path("index").asInt(), report.path("shard").path("count").asInt(),
                    report.path("suite").asText());
        }

        String label() {
            return path + " (shard " + index + "/" + count + ")";
        }
    }

    private static void check(List<ShardReport> shards) {
        ShardReport first = shards.get(0);
        Map<Integer, ShardReport> byIndex = new HashMap<>();
        Map<String, ShardReport> byCase = new HashMap<>();
        for (ShardReport s : shards) {
            if (!s.suite().equals(first.suite())) {
                throw new IllegalArgumentException(first.path() + " and " + s.path() + " are reports of different suites (their"
                        + " prompt files or cases differ: " + first.suite() + " and " + s.suite() + "); merge the shards of one"
                        + " run of one suite");
            }
            if (s.count() != first.count()) {
                throw new IllegalArgumentException(first.label() + " and " + s.label() + " split the suite differently; merge the"
                        + " shards of one run");
            }
            ShardReport twice = byIndex.putIfAbsent(s.index(), s);
            if (twice != null) {
                throw new IllegalArgumentException("shard " + s.index() + "/" + s.count() + " is given twice: " + twice.path()
                        + " and " + s.path());
            }
            for (JsonNode file : s.report().path("files")) {
                for (JsonNode c : file.path("testResults")) {
                    String key = file.path("file").asText() + "\n" + c.path("case").asText() + "\n" + c.path("model").asText("");
                    ShardReport other = byCase.putIfAbsent(key, s);
                    if (other != null) {
                        throw new IllegalArgumentException("case '" + c.path("case").asText() + "' of " + file.path("file").asText()
                                + " is in both " + other.label() + " and " + s.label() + "; the shards overlap");
                    }
                }
            }
        }
        for (int k = 1; k <= first.count(); k++) {
            if (!byIndex.containsKey(k)) {
                throw new IllegalArgumentException("shard " + k + "/" + first.count() + " is missing; give the report of every"
                        + " shard (a merge of some would read as the whole suite)");
            }
        }
    }

    private static ObjectNode merged(List<ShardReport> shards) {
        List<JsonNode> reports = shards.stream().sorted(Comparator.comparingInt(ShardReport::index)).map(ShardReport::report).toList();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("tool", "PromptSpec");
        out.put("startedAt", reports.stream().map(r -> r.path("startedAt").asText()).min(Comparator.naturalOrder()).orElseThrow());
        out.put("finishedAt", reports.stream().map(r -> r.path("finishedAt").asText()).max(Comparator.naturalOrder()).orElseThrow());
        out.set("summary", summary(reports));
        List<JsonNode> baselines = reports.stream().map(r -> r.get("baseline")).filter(b -> b != null).toList();
        if (!baselines.isEmpty()) {
            out.set("baseline", baseline(baselines));
        }
        out.put("suite", shards.get(0).suite());
        Map<String, List<JsonNode>> cases = new TreeMap<>();
        List<JsonNode> invalid = new ArrayList<>();
        for (JsonNode r : reports) {
            for (JsonNode file : r.path("files")) {
                if (file.has("status")) {
                    invalid.add(file); // a file that cannot run: its first shard's report lists it
                } else {
                    List<JsonNode> list = cases.computeIfAbsent(file.path("file").asText(), f -> new ArrayList<>());
                    file.path("testResults").forEach(list::add);
                }
            }
        }
        ArrayNode files = out.putArray("files");
        cases.forEach((name, list) -> {
            ObjectNode f = files.addObject();
            f.put("file", name);
            list.stream().sorted(CASE_ORDER).forEach(f.putArray("testResults")::add);
        });
        invalid.forEach(files::add);
        return out;
    }

    private static ObjectNode summary(List<JsonNode> reports) {
        ObjectNode summary = Json.MAPPER.createObjectNode();
        for (String count : COUNTS) {
            summary.put(count, reports.stream().mapToLong(r -> r.path("summary").path(count).asLong()).sum());
        }
        long tests = summary.path("totalTests").asLong();
        summary.put("passRate", tests == 0 ? 0 : 100.0 * summary.path("passedTests").asLong() / tests);
        ObjectNode usage = summary.putObject("usage");
        for (String tokens : List.of("inputTokens", "outputTokens")) {
            if (reports.stream().anyMatch(r -> r.path("summary").path("usage").has(tokens))) {
                usage.put(tokens, reports.stream().mapToLong(r -> r.path("summary").path("usage").path(tokens).asLong()).sum());
            }
        }
        if (reports.stream().anyMatch(r -> r.path("summary").has("sampling"))) {
            ObjectNode sampling = summary.putObject("sampling");
            for (String count : SAMPLING_COUNTS) {
                sampling.put(count, reports.stream().mapToLong(r -> r.path("summary").path("sampling").path(count).asLong()).sum());
            }
        }
        return summary;
    }

    /** The shards' comparisons as one: each list joined and sorted, McNemar's test on all discordant pairs. */
    private static ObjectNode baseline(List<JsonNode> sections) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        JsonNode first = sections.get(0);
        out.put("path", first.path("path").asText());
        if (first.has("finishedAt")) {
            out.set("finishedAt", first.get("finishedAt"));
        }
        Comparator<JsonNode> order = Comparator.<JsonNode, String>comparing(r -> r.path("file").asText())
                .thenComparing(r -> r.path("case").asText()).thenComparing(r -> r.path("model").asText(""))
                .thenComparing(r -> r.path("evaluator").asText(""));
        List<String> lists = new ArrayList<>(BaselineSection.CASE_LISTS);
        lists.addAll(List.of("noise", "scoreChanges", "changedResponses"));
        for (String list : lists) {
            ArrayNode joined = out.putArray(list);
            sections.stream().flatMap(s -> java.util.stream.StreamSupport.stream(s.path(list).spliterator(), false)).sorted(order)
                    .forEach(joined::add);
        }
        int b = sections.stream().mapToInt(s -> s.path("mcnemar").path("passedThenFailed").asInt()).sum();
        int c = sections.stream().mapToInt(s -> s.path("mcnemar").path("failedThenPassed").asInt()).sum();
        BaselineSection.mcnemar(out, ComparisonSummary.McNemar.of(b, c, first.path("mcnemar").path("confidence").asDouble(0.95)));
        return out;
    }

    private static String markdown(JsonNode merged) {
        List<MarkdownSummary.FileRow> rows = new ArrayList<>();
        List<JsonNode> invalid = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<String> flaky = new ArrayList<>();
        for (JsonNode file : merged.path("files")) {
            if (file.has("status")) {
                invalid.add(file);
                continue;
            }
            String name = file.path("file").asText();
            Map<String, Integer> statuses = new HashMap<>();
            for (JsonNode c : file.path("testResults")) {
                String status = c.path("status").asText();
                statuses.merge(status, 1, Integer::sum);
                if (!status.equals("passed") && details.size() < RunReport.MAX_DETAILED) {
                    details.add(MarkdownSummary.detail(name, c));
                }
                if (c.path("sampling").path("flaky").asBoolean() && flaky.size() < RunReport.MAX_DETAILED) {
                    flaky.add(MarkdownSummary.flaky(name, c));
                }
            }
            rows.add(new MarkdownSummary.FileRow(name, file.path("testResults").size(), statuses.getOrDefault("passed", 0),
                    statuses.getOrDefault("failed", 0), statuses.getOrDefault("error", 0), statuses.getOrDefault("aborted", 0)));
        }
        return MarkdownSummary.render(new MarkdownSummary.Parts(merged.path("summary"), rows, invalid, details, flaky,
                merged.get("baseline"), null, null, null));
    }
}
