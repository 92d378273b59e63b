package dev.promptspec.junit;

import dev.promptspec.baseline.CaseChange;
import dev.promptspec.baseline.Comparison;
import dev.promptspec.config.FailOn;
import dev.promptspec.config.Keys;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.ReportsLocation;
import dev.promptspec.config.Shard;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.Timing;
import dev.promptspec.model.cost.RunUsage;
import dev.promptspec.mutation.CaseMutations;
import dev.promptspec.mutation.MutationTesting;
import dev.promptspec.problem.InvalidPromptFileException;
import dev.promptspec.report.CaseOutcome;
import dev.promptspec.report.InvalidFile;
import dev.promptspec.report.ReportWriter;
import dev.promptspec.report.RunReport;
import dev.promptspec.report.UsageSummary;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.PlannedCase;
import dev.promptspec.run.PromptRun;
import dev.promptspec.sampling.SamplingPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * One execution of the engine's tree. Every case goes to the run's scheduler at once, in tree order, and is reported the
 * moment a worker starts it and the moment it ends, so a suite of N cases at latency L with concurrency C takes about
 * N·L/C and each test reports its own duration. Files that cannot run and classes that fail are reported as they are
 * met. The run, its threads and the report's spool are closed however execution ends.
 */
final class RunExecution {

    /** The report entry key of the run's usage in one line, for people. */
    static final String SUMMARY_ENTRY = "promptspec.summary";
    private static final Logger LOG = Logger.getLogger("dev.promptspec.junit");

    private final PromptSpecEngineDescriptor root;
    private final TreeEvents events;
    private final BooleanSupplier cancelled;
    private final Timing timing;
    private final Supplier<Optional<Path>> reportsDirectory;
    private final List<TestDescriptor> reported;
    /** Where the progress line goes ({@value Keys#PROGRESS}); empty: none. */
    private final Optional<PrintStream> console;
    /** The run's progress line, once the run has started (when there is a console). */
    private Optional<ProgressLine> progress = Optional.empty();
    private final Comparison comparison;

    /** @param console where the progress line goes, when it is shown */
    RunExecution(PromptSpecEngineDescriptor root, EngineExecutionListener listener, BooleanSupplier cancelled, Timing timing,
            Supplier<Optional<Path>> reportsDirectory, Optional<PrintStream> console) {
        this.root = root;
        this.cancelled = cancelled;
        this.timing = timing;
        this.reportsDirectory = reportsDirectory;
        this.console = console;
        this.reported = reportedNodes(root);
        this.events = new TreeEvents(listener, root, reported);
        this.comparison = comparison(root);
    }

    /** This run against its baseline, when there is one; a sharded run lists removed cases in its first shard only. */
    private static Comparison comparison(PromptSpecEngineDescriptor root) {
        if (root.baseline() == null) {
            return null;
        }
        Double confidence = root.config().sampling().confidence();
        return new Comparison(root.baseline(), root.suite().cases(), root.config().shard().map(Shard::isFirst).orElse(true),
                confidence == null ? SamplingPlan.DEFAULT_CONFIDENCE : confidence);
    }

    void run() {
        events.rootStarted();
        if (!root.failures().isEmpty()) {
            events.rootFinished(TestExecutionResult.failed(new PromptSpecSetupException(root.failures())));
            return;
        }
        TestExecutionResult result = TestExecutionResult.successful();
        try (PromptRun run = new PromptRun(root.config(), root.registry(), Clock.systemUTC(), timing, cancelled);
                RunReport report = new RunReport(Instant.now(), run.prices())) {
            if (root.config().mode() == RecordingMode.MUTATE) {
                report.mutationTesting(root.config().mutationThreshold());
            }
            int total = (int) reported.stream().filter(PromptCaseDescriptor.class::isInstance).count();
            progress = console.map(out -> new ProgressLine(out, timing::nanoTime, total, () -> run.usage().liveCost(),
                    Ticker.DAEMON));
            progress.ifPresent(ProgressLine::start);
            List<CompletableFuture<Void>> cases = new ArrayList<>();
            Map<Class<?>, ClassModels.ClassModel> models = new HashMap<>();
            callInBatches(run, report, models);
            for (TestDescriptor node : reported) {
                if (node instanceof PromptCaseDescriptor c) {
                    cases.add(submit(run, report, c, modelOf(c, models)));
                } else if (node instanceof PromptFileDescriptor f) {
                    reportInvalidFile(report, f);
                } else if (node instanceof PromptClassDescriptor c) {
                    events.started(c);
                    events.finished(c, TestExecutionResult.failed(c.failure()));
                }
            }
            CompletableFuture.allOf(cases.toArray(CompletableFuture[]::new)).join();
            progress.ifPresent(ProgressLine::finish);
            finish(report, run.usage()); // every case has ended, so has every call

        } catch (RuntimeException | Error e) {
            result = TestExecutionResult.failed(e);
        } finally {
            progress.ifPresent(ProgressLine::stop); // a run that failed before finish() leaves no ticks behind
        }
        events.rootFinished(result);
    }

    private static ClassModels.ClassModel modelOf(PromptCaseDescriptor c, Map<Class<?>, ClassModels.ClassModel> models) {
        return c.owner().map(o -> models.computeIfAbsent(o.testClass(), ClassModels::resolve)).orElse(ClassModels.ClassModel.NONE);
    }

    /**
     * Batch mode: the calls of the cases the run's provider answers go through its Batch API before any case is reported
     * (they then run on the answers); the jobs' ids are kept beside the reports, so an interrupted build resumes them.
     */
    private void callInBatches(PromptRun run, RunReport report, Map<Class<?>, ClassModels.ClassModel> models) {
        if (!run.config().batch().enabled()) {
            return;
        }
        List<PlannedCase> planned = new ArrayList<>();
        for (TestDescriptor node : reported) {
            if (node instanceof PromptCaseDescriptor c && modelOf(c, models).equals(ClassModels.ClassModel.NONE)) {
                planned.add(new PlannedCase(c.prompt(), c.testCase(), c.model()));
            }
        }
        Path directory = reportsDirectory.get().orElse(Path.of(PromptSpecTestEngine.DEFAULT_REPORTS_DIR));
        run.callInBatches(planned, directory).ifPresent(report::batch);
    }

    /** The case on the scheduler; reported when a worker starts it and when it ends, whatever happens in between. */
    private CompletableFuture<Void> submit(PromptRun run, RunReport report, PromptCaseDescriptor c, ClassModels.ClassModel model) {
        if (model.problem() != null) {
            // The class's @PromptModel cannot be used: every case of the class says why, and none calls anything.
            CaseResult result = errorResult(c, new ModelCallException(ModelCallException.Kind.CONFIGURATION, model.problem(), 0));
            events.started(c);
            ended(report, run, c, result);
            return CompletableFuture.completedFuture(null);
        }
        return run.submit(c.prompt(), c.testCase(), c.model(), model.modelOrNull(), () -> events.started(c), SampleEvents.of(c, events))
                .handle((result, failure) -> {
                    if (failure != null) {
                        // PromptSpec's own failure, not the case's verdict: reported as the case's error all the same
                        events.started(c);
                        ended(report, run, c, errorResult(c, new IllegalStateException("PromptSpec failed to run " + c.getUniqueId(),
                                failure)));
                    } else if (CaseVerdicts.cancelledBeforeStart(result)) {
                        events.skipped(c, result.error().getMessage());
                        progress.ifPresent(p -> p.ended(false));
                    } else if (root.config().mode() == RecordingMode.MUTATE && CaseVerdicts.status(result) == CaseOutcome.Status.PASSED) {
                        mutated(report, run, c, model, result);
                    } else {
                        ended(report, run, c, result);
                    }
                    return null;
                });
    }

    /**
     * A case that passed in {@code mutate} mode: its checks run on each mutant of its response (on this worker), and it
     * passes when its mutation score reaches the threshold.
     */
    private void mutated(RunReport report, PromptRun run, PromptCaseDescriptor c, ClassModels.ClassModel model, CaseResult result) {
        CaseMutations mutations;
        try {
            mutations = MutationTesting.analyse(c.prompt(), result,
                    (answer, evaluators) -> run.checkAnswer(c.prompt(), c.testCase(), c.model(), model.modelOrNull(), answer,
                            evaluators));
        } catch (RuntimeException e) {
            ended(report, run, c, errorResult(c, new IllegalStateException("PromptSpec failed to mutation-test " + c.getUniqueId(), e)));
            return;
        }
        double threshold = root.config().mutationThreshold();
        TestExecutionResult verdict = CaseVerdicts.mutationResult(mutations, threshold, c.getDisplayName(), result);
        CaseOutcome.Status status = verdict.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? CaseOutcome.Status.PASSED
                : CaseOutcome.Status.FAILED;
        report.add(new CaseOutcome(result, c.getDisplayName(), status, mutations, c.model()));
        CaseVerdicts.usage(result, run.prices()).ifPresent(entry -> events.entry(c, entry));
        events.entry(c, CaseVerdicts.mutationEntry(mutations));
        events.finished(c, verdict);
        progress.ifPresent(p -> p.ended(status == CaseOutcome.Status.FAILED));
    }

    private void ended(RunReport report, PromptRun run, PromptCaseDescriptor c, CaseResult result) {
        CaseOutcome.Status status = CaseVerdicts.status(result);
        // A case the run aborted (budget, cancellation) has no verdict to compare.
        CaseChange change = comparison == null || status == CaseOutcome.Status.ABORTED ? null
                : comparison.compare(result, c.getDisplayName());
        boolean excused = root.config().failOn() == FailOn.REGRESSIONS && status != CaseOutcome.Status.PASSED && change != null
                && !change.isRegression();
        report.add(new CaseOutcome(result, c.getDisplayName(), excused ? CaseOutcome.Status.ABORTED : status, null, c.model()), change);
        CaseVerdicts.usage(result, run.prices()).ifPresent(entry -> events.entry(c, entry));
        SampleEvents.verdict(result).ifPresent(entry -> events.entry(c, entry));
        events.finished(c, excused ? CaseVerdicts.notARegression(result, change, c.getDisplayName())
                : CaseVerdicts.junitResult(result, c.getDisplayName()));
        progress.ifPresent(p -> p.ended(!excused && (status == CaseOutcome.Status.FAILED || status == CaseOutcome.Status.ERROR)));
    }

    /** A file that cannot run is one errored test listing its problems, as Surefire shows a class that fails to load. */
    private void reportInvalidFile(RunReport report, PromptFileDescriptor f) {
        events.started(f);
        report.add(new InvalidFile(f.prompt().source().name(), f.getDisplayName(), f.prompt().errors()));
        TestExecutionResult result;
        try {
            f.prompt().fileOrThrow();
            result = TestExecutionResult.failed(new IllegalStateException(f.getUniqueId() + " was reported as invalid (a bug)"));
        } catch (InvalidPromptFileException e) {
            result = TestExecutionResult.failed(e);
        }
        events.finished(f, result);
    }

    /** The reports, published as file entries, and the run's usage as a report entry: the engine prints nothing. */
    private void finish(RunReport report, RunUsage usage) {
        report.runUsage(usage);
        if (comparison != null) {
            report.baseline(comparison.summary());
        }
        root.config().shard().ifPresent(shard -> report.shard(shard, root.suite().fingerprint()));
        writeReports(report);
        if (usage.calls() > 0) {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put(SUMMARY_ENTRY, UsageSummary.line(usage));
            entries.putAll(UsageSummary.entries(usage));
            events.entry(root, ReportEntry.from(entries));
        }
    }

    private void writeReports(RunReport report) {
        // A shard writes its reports even when it holds no case: a merge of the matrix's jobs expects every shard's.
        if (report.isEmpty() && root.config().shard().isEmpty()) {
            return;
        }
        Optional<Path> directory = reportsDirectory.get();
        if (directory.isEmpty()) {
            return;
        }
        List<Path> written;
        try {
            written = ReportWriter.write(report, directory.get(), Instant.now());
        } catch (IOException | UncheckedIOException e) {
            // The tests ran and were reported; a report that cannot be written must not turn them red.
            LOG.warning("PromptSpec: cannot write reports to " + directory.get().toAbsolutePath() + ": " + e
                    + " (set " + Keys.REPORTS_DIR + " to a writable directory, or to none)");
            return;
        }
        for (Path file : written) {
            events.file(root, FileEntry.from(file.toAbsolutePath(), mediaType(file.getFileName().toString())));
        }
        root.config().reports().stepSummary().ifPresent(summary -> appendStepSummary(directory.get(), summary));
    }

    /** The Markdown summary, also on the job's page in GitHub Actions ({@code GITHUB_STEP_SUMMARY}). */
    private static void appendStepSummary(Path reports, Path summary) {
        try {
            ReportWriter.appendSummary(reports, summary);
        } catch (IOException | UncheckedIOException e) {
            LOG.warning("PromptSpec: cannot append the summary to " + summary.toAbsolutePath() + " ("
                    + ReportsLocation.STEP_SUMMARY_VARIABLE + "): " + e);
        }
    }

    private static String mediaType(String reportFile) {
        return reportFile.endsWith(".json") ? "application/json" : reportFile.endsWith(".html") ? "text/html" : "text/markdown";
    }

    /** A result that is only {@code error}: nothing was sent or answered. */
    private static CaseResult errorResult(PromptCaseDescriptor c, Throwable error) {
        return new CaseResult(c.prompt().source().name(), c.testCase(), null, null, List.of(), error, Duration.ZERO);
    }

    /**
     * The nodes reported on their own, in tree order: cases, files that cannot run, and failing classes (whose cases are
     * not run: the class reports why).
     */
    private static List<TestDescriptor> reportedNodes(TestDescriptor root) {
        List<TestDescriptor> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(TestDescriptor node, List<TestDescriptor> out) {
        for (TestDescriptor child : node.getChildren()) {
            if (child instanceof PromptClassDescriptor c && c.failure() != null) {
                out.add(c);
            } else if (child instanceof PromptCaseDescriptor || child instanceof PromptFileDescriptor f && !f.prompt().isRunnable()) {
                out.add(child);
            } else {
                collect(child, out);
            }
        }
    }
}
