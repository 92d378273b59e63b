package dev.promptspec.junit;

import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.EvaluatorRegistry;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * The root: what discovery found, with the run's configuration (read once, at discovery) and evaluator kinds. A root that
 * cannot run (a configuration mistake, an unsupported platform) has no children and fails with every reason.
 */
final class PromptSpecEngineDescriptor extends EngineDescriptor {

    private final RunConfig config;
    private final EvaluatorRegistry registry;
    private final List<String> failures;

    PromptSpecEngineDescriptor(UniqueId uniqueId, RunConfig config, EvaluatorRegistry registry) {
        this(uniqueId, config, registry, List.of());
    }

    private PromptSpecEngineDescriptor(UniqueId uniqueId, RunConfig config, EvaluatorRegistry registry, List<String> failures) {
        super(uniqueId, "PromptSpec");
        this.config = config;
        this.registry = registry;
        this.failures = List.copyOf(failures);
    }

    /** A root with no tests that fails the run with {@code failures}, each on its own line. */
    static PromptSpecEngineDescriptor failing(UniqueId uniqueId, List<String> failures) {
        return new PromptSpecEngineDescriptor(uniqueId, null, null, failures);
    }

    /** The run's configuration, read once at discovery; null on a root that fails before anything runs. */
    RunConfig config() {
        return config;
    }

    EvaluatorRegistry registry() {
        return registry;
    }

    /** Why nothing can run; empty when all is well. */
    List<String> failures() {
        return failures;
    }
}
