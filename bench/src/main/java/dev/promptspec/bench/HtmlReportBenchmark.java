package dev.promptspec.bench;

import static org.apiguardian.api.API.Status.INTERNAL;

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
import dev.promptspec.report.CaseOutcome;
import dev.promptspec.report.HtmlReport;
import dev.promptspec.report.ReportWriter;
import dev.promptspec.report.RunReport;
import dev.promptspec.run.CaseResult;
import java.io.BufferedWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The HTML report's size and write time for a large run of short cases: {@code --cases} cases (default 10,000) in 100
 * files, each with a two-message prompt, a two-line answer and two checks, every tenth failing. Prints the sizes of
 * the JSON and HTML reports, the time to add the cases to the report (which makes each case's JSON and page records),
 * the first (cold) {@link ReportWriter#write} of all three reports in this fresh JVM, and
 * the cold then the median of {@code --repeats} (default 5) later {@link HtmlReport#write} runs from the JSON alone.
 *
 * <p>Usage: {@code HtmlReportBenchmark [--cases N] [--repeats R] [--dir DIR]}; see docs/performance.md.
 */
@API(status = INTERNAL, since = "0.1")
public final class HtmlReportBenchmark {

    private HtmlReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cases = 10_000;
        int repeats = 5;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cases" -> cases = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --cases N, --repeats R, --dir DIR)");
            }
        }
        dir = dir != null ? dir : Files.createTempDirectory("promptspec-html-bench-");
        long adding = System.nanoTime();
        try (RunReport report = run(cases)) {
            adding = System.nanoTime() - adding;
            long start = System.nanoTime();
            ReportWriter.write(report, dir, Instant.parse("2026-11-26T10:05:00Z"));
            long allThree = System.nanoTime() - start;
            Path json = dir.resolve(ReportWriter.JSON_FILE);
            Path html = dir.resolve(ReportWriter.HTML_FILE);
            List<Long> pages = new ArrayList<>();
            for (int i = 0; i <= repeats; i++) {
                pages.add(page(json, dir.resolve("again.html")));
            }
            long cold = pages.remove(0);
            Collections.sort(pages);
            System.out.printf(Locale.ROOT, "%,d cases: JSON %.1f MB, HTML %.1f MB%n", cases, mb(Files.size(json)), mb(Files.size(html)));
            // A run makes each case's JSON and page records as the case ends, on its thread: part of the reports' cost.
            System.out.printf(Locale.ROOT, "RunReport.add of the %,d cases (each case's records), in this JVM: %d ms%n", cases,
                    adding / 1_000_000);
            System.out.printf(Locale.ROOT, "first ReportWriter.write (JSON, Markdown, HTML) in this JVM: %d ms%n", allThree / 1_000_000);
            System.out.printf(Locale.ROOT, "HtmlReport.write from the JSON: next %d ms, then median of %d: %d ms%n", cold / 1_000_000,
                    pages.size(), pages.isEmpty() ? 0 : pages.get(pages.size() / 2) / 1_000_000);
            System.out.println("reports in " + dir);
        }
    }

    private static long page(Path json, Path html) throws Exception {
        long start = System.nanoTime();
        try (Reader in = Files.newBufferedReader(json, StandardCharsets.UTF_8);
                Writer out = new BufferedWriter(Files.newBufferedWriter(html, StandardCharsets.UTF_8))) {
            HtmlReport.write(in, out);
        }
        return System.nanoTime() - start;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** A run of {@code n} short, realistic support-triage cases, reported through the real report classes. */
    private static RunReport run(int n) {
        RunReport report = new RunReport(Instant.parse("2026-11-26T10:00:00Z"), PriceTable.defaults());
        for (int i = 1; i <= n; i++) {
            String file = "prompts/triage-" + (i % 100) + ".prompt.yml";
            String ticket = "Order " + i + " arrived with a cracked screen; I would like a replacement.";
            boolean fails = i % 10 == 0;
            TestCase testCase = new TestCase(i, "#" + i, null, null, Map.of("ticket", ticket), null, Set.of("triage"), List.of(),
                    new Position(file, 12 + i, 5));
            ModelRequest request = new ModelRequest("gpt-4o-mini", List.of(
                    new ChatMessage(Role.SYSTEM, "You triage support tickets. Answer with **Category:** and **Priority:** lines."),
                    new ChatMessage(Role.USER, "Ticket: " + ticket)), ModelParameters.NONE, null);
            String answer = fails ? "**Category:** billing\n**Priority:** low" : "**Category:** shipping\n**Priority:** high";
            CaseResult result = new CaseResult(file, testCase, request,
                    new ModelResponse(answer, new TokenUsage(61, 12), Duration.ofMillis(400 + i % 700), "stop", "gpt-4o-mini-2024-07-18",
                            1, ModelResponse.Origin.REPLAYED),
                    List.of(new CheckResult("category", "string", fails ? Verdict.fail("does not contain \"shipping\"")
                            : Verdict.pass("contains \"shipping\""), 1, null),
                            new CheckResult("priority line", "regex", Verdict.pass("found \"Priority:\" at line 2"), 1, null)),
                    null, Duration.ofMillis(3));
            report.add(new CaseOutcome(result, "#" + i + " ticket=\"Order " + i + " arrived…\"", CaseOutcome.statusOf(result)));
        }
        return report;
    }
}
