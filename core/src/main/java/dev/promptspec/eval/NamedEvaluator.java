package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * An evaluator written in Java that prompt files use by name:
 *
 * <pre>{@code
 * evaluators:
 *   - name: Has order id
 *     uses: java:orderIdPresent
 * }</pre>
 *
 * <p>Register implementations in {@code META-INF/services/dev.promptspec.eval.NamedEvaluator}; they need a
 * public no-argument constructor. One instance serves every test case, possibly from several threads at once.
 * Whatever {@link #evaluate} throws becomes this evaluator's failure, with its stack trace, in that case only.
 *
 * <p>For a check with settings in YAML ({@code wordBudget: {max: 300}}), write an {@link EvaluatorFactory}
 * instead: it defines a new evaluator kind.
 */
@API(status = STABLE, since = "0.1")
public interface NamedEvaluator extends Evaluator {

    /** The name after {@code java:}; letters, digits, {@code _}, {@code -} and {@code .}. */
    String name();
}
