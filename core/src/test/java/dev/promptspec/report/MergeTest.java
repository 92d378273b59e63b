package dev.promptspec.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.baseline.CaseChange;
import dev.promptspec.baseline.CaseRef;
import dev.promptspec.baseline.ComparisonSummary;
import dev.promptspec.config.ReportsLocation;
import dev.promptspec.config.Shard;
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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Merge} as CI calls it: its command line, its exit status, the job summary, and the baseline sections joined. */
class MergeTest {

    private static final String FILE = "prompts/support-triage.prompt.yml";
    private static final String SUITE = SuiteFingerprint.of(Set.of(FILE), Set.of(FILE + "\nrefund", FILE + "\nshipping"));

    private static CaseResult result(String key, int line, boolean passes) {
        TestCase tc = new TestCase(1, key, key, null, Map.of("ticket", "I was charged twice for order 40412."), null, Set.of(),
                List.of(), new Position(FILE, line, 5));
        ModelRequest request = new ModelRequest("gpt-4o-mini", List.of(new ChatMessage(Role.USER, "Classify the ticket")),
                ModelParameters.NONE, null);
        ModelResponse response = new ModelResponse(passes ? "**billing**\n\n- Reason: a duplicate charge.\n- Route to: Billing."
                : "**other**\n\n- Reason: unclear.\n- Route to: Support.", new TokenUsage(100, 20), Duration.ofMillis(600), "stop",
                "gpt-4o-mini-2024-07-18", 1, ModelResponse.Origin.REPLAYED);
        return new CaseResult(FILE, tc, request, response, List.of(new CheckResult("category", "string",
                passes ? Verdict.pass("contains \"billing\"") : Verdict.fail("does not contain \"billing\""), 1, null)), null,
                Duration.ofMillis(700));
    }

    /** One shard's reports, with a comparison whose McNemar counts are {@code b} and {@code c}. */
    private static Path shard(Path dir, int index, String key, int line, boolean passes, CaseChange change, int b, int c)
            throws Exception {
        Path out = dir.resolve("shard-" + index);
        try (RunReport report = new RunReport(Instant.parse("2026-11-29T09:00:0" + index + "Z"))) {
            CaseResult r = result(key, line, passes);
            report.add(new CaseOutcome(r, key, CaseOutcome.statusOf(r)), change);
            CaseRef ref = new CaseRef(FILE, key, "gpt-4o-mini", key);
            List<CaseRef> failing = change == CaseChange.NEWLY_FAILING ? List.of(ref) : List.of();
            List<CaseRef> passing = change == CaseChange.NEWLY_PASSING ? List.of(ref) : List.of();
            report.baseline(new ComparisonSummary("baseline/promptspec-report.json", "2026-11-28T18:00:00Z", failing, passing,
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of(ref),
                    ComparisonSummary.McNemar.of(b, c, 0.95)));
            report.shard(new Shard(index, 2), SUITE);
            ReportWriter.write(report, out, Instant.parse("2026-11-29T09:01:0" + index + "Z"));
        }
        return out.resolve(ReportWriter.JSON_FILE);
    }

    private static int run(Map<String, String> env, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Merge.run(args, env::get, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8));
    }

    @Test
    void merges_from_the_command_line_and_appends_the_summary_to_the_job_summary(@TempDir Path dir) throws Exception {
        Path one = shard(dir, 1, "shipping", 30, false, CaseChange.NEWLY_FAILING, 3, 0);
        Path two = shard(dir, 2, "refund", 12, true, CaseChange.NEWLY_PASSING, 0, 1);
        Path stepSummary = Files.writeString(dir.resolve("step_summary"), "## Build\n\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path merged = dir.resolve("merged");

        int status = run(Map.of(ReportsLocation.STEP_SUMMARY_VARIABLE, stepSummary.toString()), out, err, merged.toString(),
                two.toString(), one.toString());

        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("wrote " + merged.resolve(ReportWriter.JSON_FILE) + "\n"
                + "wrote " + merged.resolve(ReportWriter.MARKDOWN_FILE) + "\n" + "wrote " + merged.resolve(ReportWriter.HTML_FILE) + "\n");
        String markdown = Files.readString(merged.resolve(ReportWriter.MARKDOWN_FILE));
        assertThat(Files.readString(stepSummary)).isEqualTo("## Build\n\n" + markdown);
        JsonNode report = new ObjectMapper().readTree(merged.resolve(ReportWriter.JSON_FILE).toFile());
        assertThat(report.path("startedAt").asText()).isEqualTo("2026-11-29T09:00:01Z");
        assertThat(report.path("finishedAt").asText()).isEqualTo("2026-11-29T09:01:02Z");
        assertThat(report.path("suite").asText()).isEqualTo(SUITE);
        assertThat(report.has("shard")).isFalse();
        assertThat(report.path("files").get(0).path("testResults")).extracting(c -> c.path("case").asText() + "=" + c.path("baseline").asText())
                .containsExactly("refund=newly-passing", "shipping=newly-failing"); // by line, whatever the shards' order
        JsonNode baseline = report.path("baseline");
        assertThat(baseline.path("newlyFailing")).extracting(r -> r.path("case").asText()).containsExactly("shipping");
        assertThat(baseline.path("newlyPassing")).extracting(r -> r.path("case").asText()).containsExactly("refund");
        assertThat(baseline.path("changedResponses")).extracting(r -> r.path("case").asText()).containsExactly("refund", "shipping");
        // 3 and 1 discordant pairs over both shards: 2 * (C(4,0) + C(4,1)) / 16 = 0.625
        assertThat(baseline.path("mcnemar").toString()).isEqualTo("{\"passedThenFailed\":3,\"failedThenPassed\":1,\"pValue\":0.625,"
                + "\"significant\":false,\"confidence\":0.95}");
        assertThat(markdown).startsWith("## PromptSpec results\n\n### Compared with the baseline\n\nBaseline"
                + " `baseline/promptspec-report.json` (finished 2026-11-28T18:00:00Z): **1 newly failing**, 1 newly passing,")
                .contains("**1 of 2 cases passed** (50%)").contains("| `" + FILE + "` | 2 | 1 | 1 | 0 | 0 |")
                .contains("**shipping** — `" + FILE + ":30` (failed)\n- category (string): does not contain \"billing\"\n");
    }

    @Test
    void a_wrong_call_prints_the_usage_and_reports_that_cannot_merge_exit_with_the_reason(@TempDir Path dir) throws Exception {
        Path one = shard(dir, 1, "shipping", 30, false, CaseChange.NEWLY_FAILING, 1, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(run(Map.of(), out, err, dir.resolve("merged").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: java -cp CLASSPATH dev.promptspec.report.Merge OUT_DIR SHARD_REPORT...");

        err.reset();
        assertThat(run(Map.of(), out, err, dir.resolve("merged").toString(), one.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("PromptSpec merge: shard 2/2 is missing; give the report of every"
                + " shard (a merge of some would read as the whole suite)\n");
        err.reset();
        Path notJson = Files.writeString(dir.resolve("broken.json"), "{\"tool\": \"PromptSpec\", ");
        assertThat(run(Map.of(), out, err, dir.resolve("merged").toString(), notJson.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("PromptSpec merge: " + notJson + " is not JSON: ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(dir.resolve("merged")).doesNotExist();
    }
}
