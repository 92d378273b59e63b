package dev.promptspec.eval;

import dev.promptspec.problem.InvalidConfigException;

/**
 * Builds evaluators of one kind from their YAML settings. Registered through
 * {@code META-INF/services/dev.promptspec.eval.EvaluatorFactory}, so a library can add kinds.
 *
 * <p>Factories run when the prompt file is loaded: they validate every setting then (a bad regex is a
 * load-time error with file and line), so that evaluation itself cannot fail for configuration reasons.
 */
public interface EvaluatorFactory {

    /** The key that names this kind in YAML: {@code string}, {@code regex}, ... */
    String kind();

    Evaluator create(EvaluatorDefinition definition) throws InvalidConfigException;
}
