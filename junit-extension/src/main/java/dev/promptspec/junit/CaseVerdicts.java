package dev.promptspec.junit;

import dev.promptspec.baseline.CaseChange;
import dev.promptspec.config.Keys;
import dev.promptspec.config.PriceTable;
import dev.promptspec.internal.util.Decimals;
import dev.promptspec.internal.util.Money;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.mutation.CaseMutations;
import dev.promptspec.report.CaseMessages;
import dev.promptspec.report.CaseOutcome;
import dev.promptspec.run.CaseResult;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What a case's result means to JUnit: passed, an assertion failure listing every failed check (the prompt was
 * judged), an error (the case could not be judged: a failed call, a missing variable), or aborted (the run chose not to
 * call: budget spent, cancelled, no Docker). And the usage the case publishes as a report entry.
 */
final class CaseVerdicts {

    /** Outcomes that skip a case instead of failing it. */
    private static final Set<ModelCallException.Kind> ABORTING = EnumSet.of(ModelCallException.Kind.BUDGET_EXCEEDED,
            ModelCallException.Kind.CANCELLED, ModelCallException.Kind.UNAVAILABLE);

    private CaseVerdicts() {
    }

    /** The status the reports give the result. */
    static CaseOutcome.Status status(CaseResult result) {
        return aborted(result) ? CaseOutcome.Status.ABORTED : CaseOutcome.statusOf(result);
    }

    /** The result JUnit reports for the case named {@code displayName}. */
    static TestExecutionResult junitResult(CaseResult result, String displayName) {
        if (aborted(result)) {
            return TestExecutionResult.aborted(new TestAbortedException(result.error().getMessage(), result.error()));
        }
        if (result.error() != null) {
            return TestExecutionResult.failed(result.error());
        }
        if (!result.passed()) {
            AssertionFailedError failure = new AssertionFailedError(CaseMessages.failure(result, "'" + displayName + "'"));
            // an evaluator that threw (user code, say) shows its stack trace in the report
            result.checks().stream().filter(c -> c.error() != null).forEach(c -> failure.addSuppressed(c.error()));
            return TestExecutionResult.failed(failure);
        }
        return TestExecutionResult.successful();
    }

    /**
     * The result of a case that passed and was mutation-tested: failed, listing the surviving mutants, when its mutation
     * score is below {@code threshold}.
     */
    static TestExecutionResult mutationResult(CaseMutations mutations, double threshold, String displayName, CaseResult result) {
        if (mutations.reaches(threshold)) {
            return TestExecutionResult.successful();
        }
        return TestExecutionResult.failed(new AssertionFailedError(mutations.failureMessage(threshold,
                "'" + displayName + "' (" + result.testCase().position() + ")")));
    }

    /** The case's mutation score as IDEs and build tools show it. */
    static ReportEntry mutationEntry(CaseMutations mutations) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("promptspec.mutation", mutations.describe());
        mutations.score().ifPresent(s -> entry.put("promptspec.mutation.score", Decimals.fixed(s, 2)));
        entry.put("promptspec.mutation.killed", String.valueOf(mutations.killed()));
        entry.put("promptspec.mutation.applicable", String.valueOf(mutations.applicable()));
        return ReportEntry.from(entry);
    }

    /**
     * Under {@code promptspec.fail-on=regressions}, a case that does not pass but did not pass in the baseline either
     * (or is new, or dropped by noise): aborted, as JUnit reports a test whose assumption does not hold. Surefire counts
     * it skipped, so the build stays green, and IDEs show it neither green nor red, with why.
     */
    static TestExecutionResult notARegression(CaseResult result, CaseChange change, String displayName) {
        String why = switch (change) {
            case STILL_FAILING -> "it did not pass in the baseline either";
            case ADDED -> "it is not in the baseline";
            case NOISE -> "its pass rate dropped since the baseline, but not significantly (Fisher's exact test)";
            default -> "it is not a regression (" + change.label() + ")";
        };
        String verdict = result.error() != null ? "Error: " + result.error().getMessage()
                : CaseMessages.failure(result, "'" + displayName + "'");
        return TestExecutionResult.aborted(new TestAbortedException("Not a regression, so it does not fail the build"
                + " (" + Keys.FAIL_ON + "=regressions): " + why + ".\n" + verdict, result.error()));
    }

    /** The case's usage as IDEs and build tools show it: model, origin, tokens, latency, attempts, cost, score. */
    static Optional<ReportEntry> usage(CaseResult result, PriceTable prices) {
        ModelResponse r = result.response();
        if (r == null) {
            return Optional.empty();
        }
        Map<String, String> entry = new LinkedHashMap<>();
        if (r.modelId() != null && !r.modelId().isBlank()) {
            entry.put("promptspec.model", r.modelId());
        }
        entry.put("promptspec.response", r.origin().name().toLowerCase(Locale.ROOT));
        if (r.usage().inputTokens() != null) {
            entry.put("promptspec.tokens.input", String.valueOf(r.usage().inputTokens()));
        }
        if (r.usage().outputTokens() != null) {
            entry.put("promptspec.tokens.output", String.valueOf(r.usage().outputTokens()));
        }
        entry.put("promptspec.latency-ms", String.valueOf(r.latency().toMillis()));
        entry.put("promptspec.attempts", String.valueOf(r.attempts()));
        if (result.request() != null) {
            // For a replayed answer: what the call would cost live.
            prices.cost(result.request(), r).ifPresent(c -> entry.put("promptspec.cost-usd", Money.plain(c)));
        }
        entry.put("promptspec.score", Decimals.fixed(result.score(), 2));
        return Optional.of(ReportEntry.from(entry));
    }

    /** Not run at all, because the run was cancelled before the case started: JUnit reports it skipped. */
    static boolean cancelledBeforeStart(CaseResult result) {
        return result.error() instanceof ModelCallException e && e.kind() == ModelCallException.Kind.CANCELLED
                && e.attempts() == 0 && result.response() == null && result.request() == null;
    }

    private static boolean aborted(CaseResult result) {
        return result.error() instanceof ModelCallException e && ABORTING.contains(e.kind());
    }
}
