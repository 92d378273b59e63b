package dev.promptspec.junit;

import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.run.PromptRun;
import dev.promptspec.run.RunConfig;
import java.time.Clock;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The root. Before JUnit walks the tree it submits every selected case to the run's pool, in tree order,
 * so model calls overlap while JUnit reports results one by one.
 */
final class PromptSpecEngineDescriptor extends EngineDescriptor implements Node<PromptSpecExecutionContext> {

    private final RunConfig config;
    private final EvaluatorRegistry registry;
    private CancellationToken cancellation = CancellationToken.disabled();

    PromptSpecEngineDescriptor(UniqueId uniqueId, RunConfig config, EvaluatorRegistry registry) {
        super(uniqueId, "PromptSpec");
        this.config = config;
        this.registry = registry;
    }

    void cancellation(CancellationToken token) {
        this.cancellation = token;
    }

    @Override
    public PromptSpecExecutionContext before(PromptSpecExecutionContext context) {
        PromptRun run = new PromptRun(config, registry, Clock.systemUTC(), cancellation::isCancellationRequested);
        PromptSpecExecutionContext withRun = context.withRun(run);
        submitAll(this, withRun);
        return withRun;
    }

    private static void submitAll(TestDescriptor descriptor, PromptSpecExecutionContext context) {
        for (TestDescriptor child : descriptor.getChildren()) {
            if (child instanceof PromptCaseDescriptor c) {
                context.results().put(c.getUniqueId(), context.run().submit(c.prompt(), c.testCase()));
            } else {
                submitAll(child, context);
            }
        }
    }

    @Override
    public void after(PromptSpecExecutionContext context) {
        if (context.run() != null) {
            context.run().close();
        }
    }
}
