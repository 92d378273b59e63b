package dev.promptspec.junit;

import dev.promptspec.run.CaseResult;
import dev.promptspec.run.PromptRun;
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

    PromptSpecExecutionContext(EngineExecutionListener listener) {
        this(listener, null, new ConcurrentHashMap<>());
    }

    private PromptSpecExecutionContext(EngineExecutionListener listener, PromptRun run,
            Map<UniqueId, CompletableFuture<CaseResult>> results) {
        this.listener = listener;
        this.run = run;
        this.results = results;
    }

    PromptSpecExecutionContext withRun(PromptRun r) {
        return new PromptSpecExecutionContext(listener, r, results);
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
