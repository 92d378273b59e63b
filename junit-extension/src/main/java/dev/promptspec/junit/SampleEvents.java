package dev.promptspec.junit;

import dev.promptspec.model.ModelCallException;
import dev.promptspec.report.CaseMessages;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.SampleListener;
import dev.promptspec.run.SampleSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.TestAbortedException;

/**
 * A sampled case's samples as JUnit sees them: each a dynamic child test of the case, started and ended as it runs. A
 * sample that passed is successful; one whose checks failed is aborted, with the checks' message (the case's verdict
 * decides the build, and one failing sample of a case that must pass 80% of the time is no failure); one that could not
 * be judged fails with why, as its case then does.
 */
final class SampleEvents implements SampleListener {

    private static final Set<ModelCallException.Kind> ABORTING = Set.of(ModelCallException.Kind.BUDGET_EXCEEDED,
            ModelCallException.Kind.CANCELLED, ModelCallException.Kind.UNAVAILABLE);

    private final PromptCaseDescriptor owner;
    private final TreeEvents events;
    private final Map<Integer, PromptSampleDescriptor> samples = new java.util.concurrent.ConcurrentHashMap<>();

    private SampleEvents(PromptCaseDescriptor owner, TreeEvents events) {
        this.owner = owner;
        this.events = events;
    }

    /** The listener reporting {@code owner}'s samples; nothing for a case that is not sampled. */
    static SampleListener of(PromptCaseDescriptor owner, TreeEvents events) {
        return owner.isSampled() ? new SampleEvents(owner, events) : SampleListener.NONE;
    }

    @Override
    public void started(int sample) {
        PromptSampleDescriptor d = new PromptSampleDescriptor(owner, sample);
        samples.put(sample, d);
        events.dynamicStarted(owner, d);
    }

    @Override
    public void finished(int sample, CaseResult result) {
        PromptSampleDescriptor d = samples.get(sample);
        events.finished(d, junitResult(result, d.getDisplayName()));
    }

    static TestExecutionResult junitResult(CaseResult sample, String name) {
        if (sample.error() instanceof ModelCallException e && ABORTING.contains(e.kind())) {
            return TestExecutionResult.aborted(new TestAbortedException(e.getMessage(), e));
        }
        if (sample.error() != null) {
            return TestExecutionResult.failed(sample.error());
        }
        if (!sample.passed()) {
            return TestExecutionResult.aborted(new TestAbortedException("this sample did not pass; its case's verdict over every"
                    + " sample decides the build\n" + CaseMessages.failure(sample, "'" + name + "'")));
        }
        return TestExecutionResult.successful();
    }

    /**
     * The verdict of a sampled case as a report entry, passed or not: {@code promptspec.sampling} (the verdict in one
     * line), {@code promptspec.sampling.flaky} and the evaluators that flipped.
     */
    static Optional<ReportEntry> verdict(CaseResult result) {
        SampleSet set = result.sampling();
        if (set == null) {
            return Optional.empty();
        }
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("promptspec.sampling", set.rate().describe());
        entry.put("promptspec.sampling.verdict", set.rate().outcome().label());
        entry.put("promptspec.sampling.samples", set.rate().drawn() + "/" + set.rate().plan().samples());
        entry.put("promptspec.sampling.observed-rate", String.format(Locale.ROOT, "%.4f", set.rate().observedRate()));
        entry.put("promptspec.sampling.flaky", String.valueOf(set.flaky()));
        if (!set.flipped().isEmpty()) {
            entry.put("promptspec.sampling.flipped", String.join(", ", set.flipped()));
        }
        return Optional.of(ReportEntry.from(entry));
    }

}
