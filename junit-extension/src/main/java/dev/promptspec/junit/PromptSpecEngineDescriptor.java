package dev.promptspec.junit;

import dev.promptspec.baseline.BaselineReport;
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
    private SuiteShare suite;
    private BaselineReport baseline;

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

    /** The whole suite and this run's share of it, once discovery built the tree; null when neither sharded nor compared. */
    void suite(SuiteShare share) {
        this.suite = share;
    }

    SuiteShare suite() {
        return suite;
    }

    /** The baseline report ({@code promptspec.baseline}), read at discovery; null without one. */
    void baseline(BaselineReport report) {
        this.baseline = report;
    }

    BaselineReport baseline() {
        return baseline;
    }

    /** Why nothing can run; empty when all is well. */
    List<String> failures() {
        return failures;
    }
}
