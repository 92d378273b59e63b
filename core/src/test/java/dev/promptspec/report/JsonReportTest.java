package dev.promptspec.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.PriceTable;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A case's record in the JSON report: its fields and their values, and the report's layout byte for byte. */
class JsonReportTest {

    private static final String FILE = "prompts/support-triage.prompt.yml";

    /** Every field and value of a record (its layout is {@link #the_report_file_keeps_its_exact_layout}'s). */
    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(text, e);
        }
    }

    private static TestCase testCase() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("ticket", "My invoice \"shows\" a duplicate\ncharge | é 🚀");
        variables.put("plan", "Pro");
        return new TestCase(2, "#2", null, null, variables, null, Set.of("triage", "billing"), List.of(), new Position(FILE, 18, 5));
    }

    @Test
    void a_judged_case_is_recorded_with_its_request_response_usage_and_every_check() {
        ModelRequest request = new ModelRequest("gpt-4o-mini", List.of(new ChatMessage(Role.USER, "Classify the ticket")),
                ModelParameters.NONE, null);
        ModelResponse response = new ModelResponse("Category: shipping\nPriority: low", new TokenUsage(118, null), Duration.ofMillis(840),
                null, "gpt-4o-mini-2024-07-18", 2, ModelResponse.Origin.RECORDED);
        CaseResult result = new CaseResult(FILE, testCase(), request, response, List.of(
                new CheckResult("category", "string", Verdict.fail("does not contain \"refund\""), 1, null),
                new CheckResult("priority line", "regex", Verdict.pass("found"), 0.5, new IllegalStateException("boom"))),
                null, Duration.ofMillis(900));

        assertThat(json(JsonReport.caseRecord(new CaseOutcome(result, "#2 ticket=\"My invoice…\"", CaseOutcome.statusOf(result)),
                PriceTable.defaults())))
                .isEqualTo(json("{\"case\":\"#2\",\"displayName\":\"#2 ticket=\\\"My invoice…\\\"\",\"line\":18,\"status\":\"failed\",\"score\":0.3333333"
                + "333333333,\"durationMs\":900,\"costUsd\":1.77E-5,\"tags\":[\"billing\",\"triage\"],\"testCase\":{\"ticket\":\"My invoice \\\"shows\\\" a duplicate\\ncharge | é 🚀\",\"pl"
                + "an\":\"Pro\"},\"model\":\"gpt-4o-mini\",\"requestFingerprint\":\"sha256:7a1cbc837c022e036d4291ef7e6a99c5532b32"
                + "e247fba6e0a684ebe050d38692\",\"messages\":[{\"role\":\"user\",\"content\":\"Classify the ticket\"}],\"modelResponse\":\"Category: shipping\\nPriority: low\",\"response\":{\"model\":"
                + "\"gpt-4o-mini-2024-07-18\",\"origin\":\"recorded\",\"usage\":{\"inputTokens\":118},\"latencyMs\":840,\"attempts\":"
                + "2},\"evaluationResults\":[{\"evaluatorName\":\"category\",\"kind\":\"string\",\"score\":0.0,\"passed\":false,\"deta"
                + "ils\":\"does not contain \\\"refund\\\"\",\"weight\":1.0},{\"evaluatorName\":\"priority line\",\"kind\":\"regex\",\"sc"
                + "ore\":1.0,\"passed\":true,\"details\":\"found\",\"weight\":0.5,\"error\":\"java.lang.IllegalStateException: boom"
                + "\"}]}"));
    }

    @Test
    void a_case_that_got_no_answer_is_recorded_with_its_error() {
        CaseResult result = new CaseResult(FILE, testCase(), null, null, List.of(),
                new ModelCallException(ModelCallException.Kind.HTTP_STATUS, "HTTP 500: upstream\nsecond", 4), Duration.ofMillis(12));

        assertThat(json(JsonReport.caseRecord(new CaseOutcome(result, "outage", CaseOutcome.statusOf(result)), PriceTable.defaults())))
                .isEqualTo(json("{\"case\":\"#2\",\"displayName\":\"outage\",\"line\":18,\"status\":\"error\",\"score\":1.0,\"durationMs\":12,\"tags\":[\"billing\",\"triage\"],\"testCase"
                + "\":{\"ticket\":\"My invoice \\\"shows\\\" a duplicate\\ncharge | é 🚀\",\"plan\":\"Pro\"},\"evaluationResults\":[],\"e"
                + "rror\":\"HTTP 500: upstream\\nsecond\"}"));
    }

    /** The whole report, byte for byte as it was written before its records were kept ready-formatted. */
    @Test
    void the_report_file_keeps_its_exact_layout() throws Exception {
        String expected;
        try (var in = JsonReportTest.class.getResourceAsStream("golden-report.json")) {
            expected = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        assertThat(JsonReport.render(Golden.report(), java.time.Instant.parse("2026-11-26T10:00:05Z"))).isEqualTo(expected);
    }
}
