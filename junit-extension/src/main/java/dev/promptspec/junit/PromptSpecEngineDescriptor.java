package dev.promptspec.junit;

import dev.promptspec.config.Keys;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.Timing;
import dev.promptspec.model.cost.RunUsage;
import dev.promptspec.report.ReportWriter;
import dev.promptspec.report.UsageSummary;
import dev.promptspec.run.PromptRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The root. Before JUnit walks the tree it submits every selected case to the run's pool, in tree order,
 * so model calls overlap while JUnit reports results one by one.
 */
final class PromptSpecEngineDescriptor extends EngineDescriptor implements Node<PromptSpecExecutionContext> {

    /** The report entry key of the run's usage in one line, for people. */
    static final String SUMMARY_ENTRY = "promptspec.summary";
    /** Where a report that cannot be written is said, as the engine's discovery warnings are on platform 1.12. */
    private static final Logger LOG = Logger.getLogger("dev.promptspec.junit");

    private final RunConfig config;
    private final EvaluatorRegistry registry;
    private final Timing timing;
    /** Why nothing can run (a configuration mistake, an unsupported platform); empty when all is well. */
    private final List<String> failures;
    private BooleanSupplier cancellation = () -> false;
    /** Where the reports go, asked only when there is a report to write; empty for none. */
    private Supplier<Optional<Path>> reportsDirectory = Optional::empty;

    PromptSpecEngineDescriptor(UniqueId uniqueId, RunConfig config, EvaluatorRegistry registry, Timing timing) {
        this(uniqueId, config, registry, timing, List.of());
    }

    private PromptSpecEngineDescriptor(UniqueId uniqueId, RunConfig config, EvaluatorRegistry registry, Timing timing,
            List<String> failures) {
        super(uniqueId, "PromptSpec");
        this.config = config;
        this.registry = registry;
        this.timing = timing;
        this.failures = List.copyOf(failures);
    }

    /** A root with no tests that fails the run with {@code failures}, each on its own line. */
    static PromptSpecEngineDescriptor failing(UniqueId uniqueId, List<String> failures) {
        return new PromptSpecEngineDescriptor(uniqueId, null, null, null, failures);
    }

    /** The run's configuration, read once at discovery; null on a root that fails before anything runs. */
    RunConfig config() {
        return config;
    }

    void cancellation(BooleanSupplier isCancellationRequested) {
        this.cancellation = isCancellationRequested;
    }

    /** Where the JSON report and the Markdown summary go; empty for none. */
    void reportsDirectory(Supplier<Optional<Path>> directory) {
        this.reportsDirectory = directory;
    }

    @Override
    public PromptSpecExecutionContext before(PromptSpecExecutionContext context) {
        if (!failures.isEmpty()) {
            throw new PromptSpecSetupException(failures);
        }
        PromptRun run = new PromptRun(config, registry, Clock.systemUTC(), timing, cancellation);
        PromptSpecExecutionContext withRun = context.withRun(run);
        submitAll(this, withRun, ClassModels.ClassModel.NONE);
        return withRun;
    }

    /** Every case, in tree order, answered by its class's {@link PromptModel} when it has one. */
    private static void submitAll(TestDescriptor descriptor, PromptSpecExecutionContext context, ClassModels.ClassModel model) {
        for (TestDescriptor child : descriptor.getChildren()) {
            if (child instanceof PromptClassDescriptor c) {
                submitAll(c, context, context.classModel(c.testClass()));
            } else if (child instanceof PromptCaseDescriptor c) {
                if (model.problem() == null) {
                    context.results().put(c.getUniqueId(), context.run().submit(c.prompt(), c.testCase(), model.modelOrNull()));
                }
            } else {
                submitAll(child, context, model);
            }
        }
    }

    @Override
    public void after(PromptSpecExecutionContext context) {
        if (context.run() == null) {
            return;
        }
        context.run().close();
        try {
            writeReports(context);
        } finally {
            context.report().close();
        }
        RunUsage usage = context.run().usage();
        if (usage.calls() > 0) {
            // The engine prints nothing: launchers, IDEs and build tools show report entries as they show their own output.
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put(SUMMARY_ENTRY, UsageSummary.line(usage));
            entries.putAll(UsageSummary.entries(usage));
            context.listener().reportingEntryPublished(this, ReportEntry.from(entries));
        }
    }

    /** Writes the reports, and publishes each as a file entry, which IDEs and build tools can attach to the run. */
    private void writeReports(PromptSpecExecutionContext context) {
        if (context.report().isEmpty()) {
            return;
        }
        Optional<Path> directory = reportsDirectory.get();
        if (directory.isEmpty()) {
            return;
        }
        List<Path> written;
        try {
            written = ReportWriter.write(context.report(), directory.get(), Instant.now());
        } catch (IOException | UncheckedIOException e) {
            // The tests ran and were reported; a report that cannot be written must not turn them red.
            LOG.warning("PromptSpec: cannot write reports to " + directory.get().toAbsolutePath() + ": " + e
                    + " (set " + Keys.REPORTS_DIR + " to a writable directory, or to none)");
            return;
        }
        for (Path file : written) {
            context.listener().fileEntryPublished(this, FileEntry.from(file.toAbsolutePath(),
                    file.getFileName().toString().endsWith(".json") ? "application/json" : "text/markdown"));
        }
    }
}
