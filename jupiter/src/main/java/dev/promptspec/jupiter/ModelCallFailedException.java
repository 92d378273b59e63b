package dev.promptspec.jupiter;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.model.ModelCallException;
import org.apiguardian.api.API;

/**
 * A model call of the application's code, made through PromptSpec, that got no answer: no recording in replay mode
 * (the message names the test, the call and the recordings file, and says how to record it), a prompt that changed
 * since it was recorded (with the first difference), an HTTP error, a timeout... The message is the one the engine gives
 * a prompt file's case, and never holds a key. Unchecked, so that it passes through the application's code into the
 * test.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ModelCallFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ModelCallException.Kind kind;

    public ModelCallFailedException(ModelCallException cause) {
        super(cause.getMessage(), cause);
        this.kind = cause.kind();
    }

    /** What went wrong: {@code MISSING_RECORDING}, {@code PROMPT_CHANGED}, {@code HTTP_STATUS}... */
    public ModelCallException.Kind kind() {
        return kind;
    }
}
