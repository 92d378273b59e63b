package dev.promptspec.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.Verdict;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.mutation.CaseMutations;
import dev.promptspec.mutation.MutantOutcome.Status;
import dev.promptspec.mutation.MutantOutcome;
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

/**
 * The mutation sections of the reports, from cases reported with their mutants: a case only judges could decide has no
 * score ({@code null}, "n/a") and counts nothing; a case that was not mutated is listed with why.
 */
class MutationReportsTest {

    private static final String FILE = "prompts/order-status.prompt.yml";

    private static CaseOutcome outcome(String name, int line, CaseMutations mutations, boolean passed) {
        TestCase testCase = new TestCase(line, name, name, null, Map.of("orderId", "48213"), null, Set.of(), List.of(),
                new Position(FILE, line, 5));
        ModelResponse response = new ModelResponse("Your order 48213 shipped with UPS on 18 November 2025.", TokenUsage.UNKNOWN,
                Duration.ZERO, "stop", "gpt-4o-mini", 0, ModelResponse.Origin.REPLAYED);
        CaseResult result = new CaseResult(FILE, testCase, null, response,
                List.of(new CheckResult("Quotes the order number", "uses", Verdict.of(passed, passed ? "quotes 48213" : "no order number"),
                        1, null)), null, Duration.ofMillis(3));
        return new CaseOutcome(result, name, passed ? CaseOutcome.Status.PASSED : CaseOutcome.Status.FAILED, mutations, null);
    }

    @Test
    void scores_per_case_file_and_suite_with_judge_only_cases_left_out(@TempDir Path dir) throws Exception {
        CaseMutations decided = new CaseMutations(List.of(
                new MutantOutcome("empty", Status.KILLED, "Quotes the order number", "line 1: -\"Your order 48213 shipped…\""),
                new MutantOutcome("negate", Status.SURVIVED, null, "line 1: -\"can\" +\"cannot\""),
                new MutantOutcome("duplicate", Status.NOT_CHECKABLE, null, "line 1: +\"⏎⏎Your order 48213…\"")));
        CaseMutations judgesOnly = new CaseMutations(List.of(
                new MutantOutcome("negate", Status.NOT_CHECKABLE, null, "line 1: -\"will\" +\"will not\"")));
        try (RunReport report = new RunReport(Instant.parse("2026-11-29T10:00:00Z"))) {
            report.mutationTesting(0.25);
            report.add(outcome("shipped", 26, decided, true));
            report.add(outcome("delayed", 37, judgesOnly, true));
            report.add(outcome("unknown order", 50, null, false));
            ReportWriter.write(report, dir, Instant.parse("2026-11-29T10:01:00Z"));
        }
        ObjectMapper json = new ObjectMapper();

        JsonNode report = json.readTree(dir.resolve(ReportWriter.JSON_FILE).toFile());
        assertThat(report.get("mutation").toString()).isEqualTo("{\"score\":0.5,\"killed\":1,\"applicable\":2,\"threshold\":0.25,"
                + "\"files\":[{\"file\":\"prompts/order-status.prompt.yml\",\"score\":0.5,\"killed\":1,\"applicable\":2}]}");
        JsonNode records = report.get("files").get(0).get("testResults");
        assertThat(records.get(1).get("mutation").toString()).isEqualTo("{\"score\":null,\"killed\":0,\"applicable\":0,\"mutants\":"
                + "[{\"operator\":\"negate\",\"status\":\"not-checkable\",\"diff\":\"line 1: -\\\"will\\\" +\\\"will not\\\"\"}]}");
        assertThat(records.get(2).has("mutation")).isFalse();

        JsonNode mutation = json.readTree(dir.resolve(ReportWriter.MUTATION_FILE).toFile());
        assertThat(mutation.get("notCheckable").asInt()).isEqualTo(2);
        JsonNode cases = mutation.get("files").get(0).get("cases");
        assertThat(cases.get(0).get("survivingOperators").toString()).isEqualTo("[\"negate\"]");
        assertThat(cases.get(0).get("killedBy").toString()).isEqualTo("{\"Quotes the order number\":1}");
        assertThat(cases.get(1).get("score").isNull()).isTrue();
        assertThat(cases.get(2).toString()).isEqualTo("{\"case\":\"unknown order\",\"displayName\":\"unknown order\",\"line\":50,"
                + "\"status\":\"failed\",\"note\":\"not mutated: only a case that passes on its recorded response is\"}");

        assertThat(Files.readString(dir.resolve(ReportWriter.MARKDOWN_FILE))).contains("""
                ### Mutation testing

                Suite mutation score **0.50**: 1 of 2 mutants killed, 2 not checkable offline (threshold 0.25)

                | Prompt file | Score | Killed | Applicable |
                |---|---:|---:|---:|
                | `prompts/order-status.prompt.yml` | 0.50 | 1 | 2 |

                - **shipped** — `prompts/order-status.prompt.yml:26`: 0.50 (1/2); surviving: negate; killed by: Quotes the order number ×1; 1 not checkable offline
                - **delayed** — `prompts/order-status.prompt.yml:37`: n/a (0/0); surviving: none; 1 not checkable offline
                """);
    }

    @Test
    void a_run_that_is_not_mutation_testing_has_no_mutation_sections(@TempDir Path dir) throws Exception {
        try (RunReport report = new RunReport(Instant.parse("2026-11-29T10:00:00Z"))) {
            report.add(outcome("shipped", 26, null, true));
            assertThat(ReportWriter.write(report, dir, Instant.parse("2026-11-29T10:01:00Z")))
                    .extracting(p -> p.getFileName().toString()).containsExactly(ReportWriter.JSON_FILE, ReportWriter.MARKDOWN_FILE, ReportWriter.HTML_FILE);
        }
        assertThat(new ObjectMapper().readTree(dir.resolve(ReportWriter.JSON_FILE).toFile()).has("mutation")).isFalse();
        assertThat(Files.readString(dir.resolve(ReportWriter.MARKDOWN_FILE))).doesNotContain("Mutation");
    }
}
