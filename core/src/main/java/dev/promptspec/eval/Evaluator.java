package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Set;
import org.apiguardian.api.API;

/**
 * Checks a model response. One instance serves every test case of a prompt file, possibly from several
 * threads at once, so implementations hold only immutable configuration.
 *
 * <p>Exceptions thrown here become this evaluator's failure (with the stack trace in the report); they
 * never stop the other evaluators or the run. The exception is a {@link dev.promptspec.model.ModelCallException}
 * (a {@link JudgeModel} call that got no answer: HTTP error, timeout, no recording, spent budget): it says nothing
 * about the response, so it makes the whole case an error (or skips it, for a spent budget or a cancelled run),
 * exactly as when the prompt's own call fails. Let it propagate; do not turn it into a verdict.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface Evaluator {

    Verdict evaluate(EvaluationContext context) throws Exception;

    /**
     * The test-case variables this evaluator reads. PromptSpec adds its implicit "expected" check only to
     * files where no evaluator reads {@code expected}.
     */
    default Set<String> variablesUsed() {
        return Set.of();
    }
}
