package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelResponse;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The model that grades responses for model-graded evaluators. Calls go through the same recording,
 * retry and rate limits as the prompt's own calls, so judged suites replay offline.
 */
@API(status = MAINTAINED, since = "0.1")
@FunctionalInterface
public interface JudgeModel {

    /**
     * @param modelId    the judge model as the file names it, or null for the configured judge model
     * @param parameters the judge's own sampling parameters ({@code llm: {modelParameters: ...}}), sent on its call and
     *                   part of its recording; {@link ModelParameters#NONE} for the provider's defaults
     * @param purpose    names the call in recordings and errors (the evaluator's name)
     */
    ModelResponse ask(String modelId, ModelParameters parameters, List<ChatMessage> messages, String purpose)
            throws ModelCallException;

    /** {@link #ask(String, ModelParameters, List, String)} with the provider's default parameters. */
    default ModelResponse ask(String modelId, List<ChatMessage> messages, String purpose) throws ModelCallException {
        return ask(modelId, ModelParameters.NONE, messages, purpose);
    }

    /** A judge for runs that have none configured: every call fails with {@code reason}. */
    static JudgeModel unavailable(String reason) {
        return (modelId, parameters, messages, purpose) -> {
            throw new ModelCallException(ModelCallException.Kind.CONFIGURATION, reason, 0);
        };
    }
}
