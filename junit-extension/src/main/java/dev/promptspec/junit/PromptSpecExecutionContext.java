package dev.promptspec.junit;

import dev.promptspec.report.RunReport;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.PromptRun;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/** What every node of one execution shares: the run and the results being computed ahead of reporting. */
final class PromptSpecExecutionContext implements EngineExecutionContext {

    private final EngineExecutionListener listener;
    private final PromptRun run;
    private final Map<UniqueId, CompletableFuture<CaseResult>> results;
    private final Map<Class<?>, ClassModels.ClassModel> classModels;
    private final RunReport report;

    PromptSpecExecutionContext(EngineExecutionListener listener) {
        this(listener, null, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new RunReport(Instant.now()));
    }

    private PromptSpecExecutionContext(EngineExecutionListener listener, PromptRun run,
            Map<UniqueId, CompletableFuture<CaseResult>> results, Map<Class<?>, ClassModels.ClassModel> classModels,
            RunReport report) {
        this.listener = listener;
        this.run = run;
        this.results = results;
        this.classModels = classModels;
        this.report = report;
    }

    PromptSpecExecutionContext withRun(PromptRun r) {
        return new PromptSpecExecutionContext(listener, r, results, classModels, report);
    }

    /** Every case outcome of the run, for the JSON and Markdown reports. */
    RunReport report() {
        return report;
    }

    /** The class's {@link PromptModel}, resolved (its method called) once per run. */
    ClassModels.ClassModel classModel(Class<?> testClass) {
        return classModels.computeIfAbsent(testClass, ClassModels::resolve);
    }

    EngineExecutionListener listener() {
        return listener;
    }

    PromptRun run() {
        return run;
    }

    Map<UniqueId, CompletableFuture<CaseResult>> results() {
        return results;
    }
}
