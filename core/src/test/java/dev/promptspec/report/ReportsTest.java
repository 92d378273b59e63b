package dev.promptspec.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.promptspec.run.CaseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    private static final String FILE = "prompts/support-triage.prompt.yml";

    private static TestCase testCase(int index, String name, int line) {
        return new TestCase(index, name == null ? "#" + index : name, name, null,
                Map.of("ticket", "My invoice shows a duplicate charge for March | please refund"), null, Set.of(), List.of(),
                new Position(FILE, line, 5));
    }

    private static ModelRequest request() {
        return new ModelRequest("gpt-4o-mini", List.of(new ChatMessage(Role.USER, "Classify the ticket")), ModelParameters.NONE, null);
    }

    private static ModelResponse response(String text, ModelResponse.Origin origin, int in, int out) {
        return new ModelResponse(text, new TokenUsage(in, out), Duration.ofMillis(840), "stop", "gpt-4o-mini-2024-07-18", 0, origin);
    }

    private RunReport report() {
        RunReport report = new RunReport(Instant.parse("2026-11-26T10:00:00Z"));
        CaseResult passed = new CaseResult(FILE, testCase(1, "billing", 12), request(),
                response("Category: billing\nPriority: high", ModelResponse.Origin.REPLAYED, 120, 9),
                List.of(new CheckResult("category", "string", Verdict.pass("contains \"billing\""), 1, null)), null, Duration.ofMillis(3));
        CaseResult failed = new CaseResult(FILE, testCase(2, null, 18), request(),
                response("Category: shipping\nPriority: low", ModelResponse.Origin.RECORDED, 118, 8),
                List.of(new CheckResult("category", "string", Verdict.fail("does not contain \"refund\" (ignoring case)"), 1, null),
                        new CheckResult("priority line", "regex", Verdict.pass("found \"Priority: low\" at line 2"), 1, null)),
                null, Duration.ofMillis(900));
        CaseResult errored = new CaseResult(FILE, testCase(3, "outage", 25), request(), null, List.of(),
                new ModelCallException(ModelCallException.Kind.HTTP_STATUS,
                        "http://127.0.0.1:1/v1 answered HTTP 500: upstream overloaded\nsecond line", 4),
                Duration.ofMillis(12));
        report.add(new CaseOutcome(passed, "billing", CaseOutcome.Status.PASSED));
        report.add(new CaseOutcome(failed, "#2 ticket=\"My invoice…\"", CaseOutcome.statusOf(failed)));
        report.add(new CaseOutcome(errored, "outage", CaseOutcome.statusOf(errored)));
        return report;
    }

    @Test
    void json_report_lists_every_case_with_its_verdicts_and_usage() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReport.render(report(), Instant.parse("2026-11-26T10:00:05Z")));

        assertThat(root.path("summary").path("totalTests").asInt()).isEqualTo(3);
        assertThat(root.path("summary").path("passedTests").asInt()).isEqualTo(1);
        assertThat(root.path("summary").path("failedTests").asInt()).isEqualTo(1);
        assertThat(root.path("summary").path("erroredTests").asInt()).isEqualTo(1);
        assertThat(root.path("summary").path("usage").path("inputTokens").asInt()).isEqualTo(238);
        assertThat(root.path("summary").path("replayedResponses").asInt()).isEqualTo(1);
        assertThat(root.path("summary").path("liveResponses").asInt()).isEqualTo(1);
        JsonNode cases = root.path("files").get(0).path("testResults");
        assertThat(root.path("files").get(0).path("file").asText()).isEqualTo(FILE);
        assertThat(cases).hasSize(3);
        JsonNode second = cases.get(1);
        assertThat(second.path("status").asText()).isEqualTo("failed");
        assertThat(second.path("line").asInt()).isEqualTo(18);
        assertThat(second.path("score").asDouble()).isEqualTo(0.5);
        assertThat(second.path("modelResponse").asText()).isEqualTo("Category: shipping\nPriority: low");
        assertThat(second.path("evaluationResults").get(0).path("details").asText())
                .isEqualTo("does not contain \"refund\" (ignoring case)");
        assertThat(second.path("response").path("origin").asText()).isEqualTo("recorded");
        assertThat(cases.get(2).path("error").asText()).startsWith("http://127.0.0.1:1/v1 answered HTTP 500");
    }

    @Test
    void markdown_summary_counts_per_file_and_lists_what_did_not_pass() {
        String md = MarkdownSummary.render(report());

        assertThat(md).contains("**1 of 3 cases passed** (33%)");
        assertThat(md).contains("| `prompts/support-triage.prompt.yml` | 3 | 1 | 1 | 1 | 0 |");
        assertThat(md).contains("**#2 ticket=\"My invoice…\"** — `prompts/support-triage.prompt.yml:18` (failed)");
        assertThat(md).contains("- category (string): does not contain \"refund\" (ignoring case)");
        assertThat(md).doesNotContain("priority line"); // passing checks stay out of the failure list
        assertThat(md).contains("- http://127.0.0.1:1/v1 answered HTTP 500: upstream overloaded\n");
        assertThat(md).doesNotContain("second line");
    }

    @Test
    void writer_puts_every_report_in_place_and_leaves_no_temporary_files(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("target/promptspec-reports");
        List<Path> written = ReportWriter.write(report(), out, Instant.parse("2026-11-26T10:00:05Z"));

        assertThat(written).containsExactly(out.resolve(ReportWriter.JSON_FILE), out.resolve(ReportWriter.MARKDOWN_FILE),
                out.resolve(ReportWriter.HTML_FILE));
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(ReportWriter.JSON_FILE,
                    ReportWriter.MARKDOWN_FILE, ReportWriter.HTML_FILE);
        }
        assertThat(Files.readString(out.resolve(ReportWriter.MARKDOWN_FILE))).startsWith("## PromptSpec results");
    }

    /** A CI job that uploads the reports as another user must be able to read them, as it reads the build's other outputs. */
    @Test
    void report_files_get_the_permissions_the_builds_other_files_get(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        List<Path> written = ReportWriter.write(report(), dir.resolve("promptspec"), Instant.parse("2026-11-26T10:00:05Z"));

        var umask = Files.getPosixFilePermissions(Files.createFile(dir.resolve("promptspec/other-output.txt")));
        assertThat(written).hasSize(3).allSatisfy(f -> assertThat(Files.getPosixFilePermissions(f)).isEqualTo(umask));
    }

    /** Constant memory: the report keeps counters and a spool on disk, never the cases' responses. */
    @Test
    void the_report_keeps_no_case_in_memory_and_deletes_its_spool_when_closed(@TempDir Path dir) throws Exception {
        RunReport report = new RunReport(Instant.parse("2026-11-26T10:00:00Z"));
        String longAnswer = "Category: billing\n" + "The customer was charged twice for the March invoice. ".repeat(20_000);
        CaseResult big = new CaseResult(FILE, testCase(1, "billing", 12), request(),
                response(longAnswer, ModelResponse.Origin.REPLAYED, 120, 9), List.of(), null, Duration.ofMillis(3));
        java.lang.ref.WeakReference<CaseResult> held = new java.lang.ref.WeakReference<>(big);
        report.add(new CaseOutcome(big, "billing", CaseOutcome.Status.PASSED));
        big = null;
        for (int i = 0; i < 20 && held.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(held.get()).as("the case result is not retained").isNull();

        List<Path> written = ReportWriter.write(report, dir, Instant.parse("2026-11-26T10:00:05Z"));
        JsonNode root = new ObjectMapper().readTree(written.get(0).toFile());
        assertThat(root.path("files").get(0).path("testResults").get(0).path("modelResponse").asText()).isEqualTo(longAnswer);
        Path spool = report.spoolFile().orElseThrow();
        assertThat(spool).exists();
        report.close();
        assertThat(spool).as("the spool is deleted").doesNotExist();
    }

    @Test
    void cases_reported_interleaved_across_files_are_grouped_by_file_in_first_reported_order() throws Exception {
        RunReport report = new RunReport(Instant.parse("2026-11-26T10:00:00Z"));
        String other = "prompts/refunds.prompt.yml";
        for (int i = 1; i <= 4; i++) {
            String file = i % 2 == 0 ? other : FILE;
            CaseResult r = new CaseResult(file, testCase(i, "case " + i, 10 + i), request(),
                    response("answer " + i, ModelResponse.Origin.REPLAYED, 10, 2), List.of(), null, Duration.ZERO);
            report.add(new CaseOutcome(r, "case " + i, CaseOutcome.Status.PASSED));
        }
        JsonNode files = new ObjectMapper().readTree(JsonReport.render(report, Instant.parse("2026-11-26T10:00:05Z"))).path("files");
        assertThat(files.get(0).path("file").asText()).isEqualTo(FILE);
        assertThat(files.get(0).path("testResults")).extracting(n -> n.path("displayName").asText()).containsExactly("case 1", "case 3");
        assertThat(files.get(1).path("testResults")).extracting(n -> n.path("displayName").asText()).containsExactly("case 2", "case 4");
        report.close();
    }

    /** Answers beyond the BMP stay as they are; a cut-off one (a lone surrogate, not valid UTF-16) becomes '?'. */
    @Test
    void the_json_report_keeps_emoji_and_replaces_what_is_not_valid_text(@TempDir Path dir) throws Exception {
        RunReport report = new RunReport(Instant.parse("2026-11-26T10:00:00Z"));
        CaseResult result = new CaseResult(FILE, testCase(1, "emoji", 12), request(),
                response("Shipped 🚀 and cut \ud83d", ModelResponse.Origin.REPLAYED, 12, 5), List.of(), null, Duration.ofMillis(3));
        report.add(new CaseOutcome(result, "emoji", CaseOutcome.Status.PASSED));

        ReportWriter.write(report, dir, Instant.parse("2026-11-26T10:00:05Z"));

        String json = Files.readString(dir.resolve(ReportWriter.JSON_FILE));
        assertThat(json).contains("\"modelResponse\" : \"Shipped 🚀 and cut ?\"");
    }
}
