package dev.promptspec.junit;

import dev.promptspec.internal.util.Money;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.report.CaseMessages;
import dev.promptspec.report.CaseOutcome;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.CompiledPrompt;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * One {@code testData} entry. Its result is usually computed ahead, on PromptSpec's pool, by the time JUnit
 * gets here; this node waits for it, publishes usage as a report entry and passes or fails.
 */
final class PromptCaseDescriptor extends AbstractTestDescriptor implements Node<PromptSpecExecutionContext> {

    static final String SEGMENT = "case";
    private static final int SUMMARY_CHARS = 60;
    /** Outcomes that skip a case instead of failing it. */
    private static final Set<ModelCallException.Kind> ABORTING = EnumSet.of(ModelCallException.Kind.BUDGET_EXCEEDED,
            ModelCallException.Kind.CANCELLED, ModelCallException.Kind.UNAVAILABLE);

    private final CompiledPrompt prompt;
    private final TestCase testCase;

    PromptCaseDescriptor(UniqueId uniqueId, CompiledPrompt prompt, TestCase testCase) {
        super(uniqueId, displayName(testCase), Sources.ofCase(prompt.source(), testCase));
        this.prompt = prompt;
        this.testCase = testCase;
    }

    /** The entry's name or description, else {@code #n} and a glimpse of its variables. */
    static String displayName(TestCase tc) {
        if (tc.name() != null && !tc.name().isBlank()) {
            return tc.key();
        }
        if (tc.description() != null && !tc.description().isBlank()) {
            return tc.description();
        }
        StringBuilder sb = new StringBuilder("#").append(tc.index());
        int budget = SUMMARY_CHARS;
        for (Map.Entry<String, String> v : tc.variables().entrySet()) {
            if (budget <= 0) {
                sb.append(" …");
                break;
            }
            String value = v.getValue().replaceAll("\\s+", " ").trim();
            if (value.length() > budget) {
                value = value.substring(0, Math.max(0, budget)) + "…";
            }
            sb.append(' ').append(v.getKey()).append("=\"").append(value).append('"');
            budget -= value.length() + v.getKey().length();
        }
        return sb.toString();
    }

    CompiledPrompt prompt() {
        return prompt;
    }

    TestCase testCase() {
        return testCase;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        Set<String> names = new LinkedHashSet<>(testCase.tags());
        prompt.file().ifPresent(f -> names.addAll(f.tags()));
        return Tags.of(names);
    }

    @Override
    public String getLegacyReportingName() {
        String file = prompt.source().name();
        return file.substring(file.lastIndexOf('/') + 1) + ": " + getDisplayName();
    }

    @Override
    public PromptSpecExecutionContext execute(PromptSpecExecutionContext context, DynamicTestExecutor dynamicTestExecutor)
            throws Exception {
        CaseResult result;
        try {
            result = result(context);
        } catch (InterruptedException e) {
            // JUnit reports the interruption as this test's error: the reports get the same line
            context.report().add(new CaseOutcome(errorResult(e), getDisplayName(), CaseOutcome.Status.ERROR));
            throw e;
        }
        boolean aborted = result.error() instanceof ModelCallException e && ABORTING.contains(e.kind());
        context.report().add(new CaseOutcome(result, getDisplayName(), aborted ? CaseOutcome.Status.ABORTED : CaseOutcome.statusOf(result)));
        publishUsage(context, result);
        if (aborted) {
            // Not a verdict on the prompt: the run chose not to call (budget, cancellation, no Docker).
            throw new TestAbortedException(result.error().getMessage(), result.error());
        }
        if (result.error() instanceof Exception e) {
            throw e;
        }
        if (result.error() instanceof Error e) {
            throw e;
        }
        if (!result.passed()) {
            AssertionFailedError failure = new AssertionFailedError(CaseMessages.failure(result, "'" + getDisplayName() + "'"));
            // an evaluator that threw (user code, say) shows its stack trace in the report
            result.checks().stream().filter(c -> c.error() != null).forEach(c -> failure.addSuppressed(c.error()));
            throw failure;
        }
        return context;
    }

    /** The {@code @PromptSpec} class this case's file was selected through, if any. */
    private Optional<PromptClassDescriptor> owner() {
        for (Optional<TestDescriptor> d = getParent(); d.isPresent(); d = d.get().getParent()) {
            if (d.get() instanceof PromptClassDescriptor c) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The case's result, whatever happens: a {@code @PromptModel} that cannot be used or a failure of PromptSpec itself
     * is a result with that error, so the reports have a line for every test JUnit reports.
     */
    private CaseResult result(PromptSpecExecutionContext context) throws InterruptedException {
        ClassModels.ClassModel model = owner().map(c -> context.classModel(c.testClass())).orElse(ClassModels.ClassModel.NONE);
        if (model.problem() != null) {
            return errorResult(new ModelCallException(ModelCallException.Kind.CONFIGURATION, model.problem(), 0));
        }
        CompletableFuture<CaseResult> future = context.results().get(getUniqueId());
        if (future == null) {
            // PromptSpecEngineDescriptor.before submits every case of the tree before JUnit walks it, in parallel mode
            // too, and nothing adds cases later: a case without a future is PromptSpec's bug, not a reason to call here.
            return errorResult(new IllegalStateException("PromptSpec never submitted " + getUniqueId() + " to its pool (a bug)"));
        }
        try {
            return future.get();
        } catch (ExecutionException | CancellationException e) {
            return errorResult(new IllegalStateException("PromptSpec failed to run " + getUniqueId(),
                    e instanceof ExecutionException ee ? ee.getCause() : e));
        }
    }

    /** A result that is only {@code error}: nothing was sent or answered. */
    private CaseResult errorResult(Throwable error) {
        return new CaseResult(prompt.source().name(), testCase, null, null, List.of(), error, Duration.ZERO);
    }

    private void publishUsage(PromptSpecExecutionContext context, CaseResult result) {
        ModelResponse r = result.response();
        if (r == null) {
            return;
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
            context.run().prices().cost(result.request(), r).ifPresent(c -> entry.put("promptspec.cost-usd", Money.plain(c)));
        }
        entry.put("promptspec.score", String.format(Locale.ROOT, "%.2f", result.score()));
        context.listener().reportingEntryPublished(this, ReportEntry.from(entry));
    }
}
