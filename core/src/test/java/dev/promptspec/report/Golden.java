package dev.promptspec.report;

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
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.run.CaseResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A run of every kind of test the reports show, for tests that compare a report with one written before. */
final class Golden {

    private Golden() {
    }

    static RunReport report() {
        String file = "prompts/support-triage.prompt.yml";
        String other = "prompts/release-notes.prompt.yml";
        RunReport report = new RunReport(Instant.parse("2026-11-26T10:00:00Z"), PriceTable.defaults());
        ModelRequest request = new ModelRequest("gpt-4o-mini", List.of(new ChatMessage(Role.SYSTEM, "You triage support tickets."),
                new ChatMessage(Role.USER, "Classify the ticket")),
                ModelParameters.NONE, null);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("ticket", "My invoice \"shows\" a duplicate\ncharge | é 🚀");
        vars.put("plan", "Pro");
        TestCase billing = new TestCase(1, "billing", "billing", null, vars, null, Set.of("smoke", "billing"), List.of(), new Position(file, 12, 5));
        TestCase second = new TestCase(2, "#2", null, null, Map.of("ticket", "Where is my parcel?"), null, Set.of(), List.of(),
                new Position(file, 18, 5));
        TestCase notes = new TestCase(1, "#1", null, null, Map.of(), null, Set.of(), List.of(), new Position(other, 9, 5));
        report.add(new CaseOutcome(new CaseResult(file, billing, request,
                new ModelResponse("Category: billing\nPriority: high", new TokenUsage(120, 9), Duration.ofMillis(840), "stop",
                        "gpt-4o-mini-2024-07-18", 0, ModelResponse.Origin.REPLAYED),
                List.of(new CheckResult("category", "string", Verdict.pass("contains \"billing\""), 1, null)), null, Duration.ofMillis(3)),
                "billing", CaseOutcome.Status.PASSED));
        CaseResult failed = new CaseResult(file, second, request,
                new ModelResponse("Category: shipping", new TokenUsage(118, null), Duration.ofMillis(900), null, null, 2,
                        ModelResponse.Origin.RECORDED),
                List.of(new CheckResult("category", "string", Verdict.fail("does not contain \"refund\""), 1, null),
                        new CheckResult("priority", "regex", Verdict.pass("found"), 0.5, new IllegalStateException("boom"))),
                null, Duration.ofMillis(900));
        report.add(new CaseOutcome(failed, "#2 ticket=\"Where is my parcel?\"", CaseOutcome.statusOf(failed)));
        CaseResult errored = new CaseResult(other, notes, null, null, List.of(),
                new ModelCallException(ModelCallException.Kind.HTTP_STATUS, "HTTP 500: upstream\nsecond line", 4), Duration.ofMillis(12));
        report.add(new CaseOutcome(errored, "#1", CaseOutcome.statusOf(errored)));
        CaseResult empty = new CaseResult(other, new TestCase(2, "#2", null, null, Map.of(), null, Set.of(), List.of(),
                new Position(other, 11, 5)), request, new ModelResponse("", TokenUsage.UNKNOWN, Duration.ZERO, null, null, 1,
                ModelResponse.Origin.LIVE), List.of(), null, Duration.ofMillis(1));
        report.add(new CaseOutcome(empty, "#2", CaseOutcome.statusOf(empty)));
        report.add(new InvalidFile("prompts/broken.prompt.yml", "broken.prompt.yml (invalid: 1 error)",
                List.of(Problem.error(new Position("prompts/broken.prompt.yml", 3, 7), "unknown key 'mesages'", "Did you mean 'messages'?"))));
        return report;
    }
}
