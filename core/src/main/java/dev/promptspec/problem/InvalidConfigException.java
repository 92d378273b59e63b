package dev.promptspec.problem;

import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;


/**
 * Thrown while reading configuration (an evaluator's settings, say) that cannot be used. The loader
 * turns it into a {@link Problem} of the file, so it is reported with its position, never as a crash.
 */
@API(status = MAINTAINED, since = "0.1")
public class InvalidConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Position position;
    private final String fix;

    public InvalidConfigException(Position position, String message, String fix) {
        super(message);
        this.position = position;
        this.fix = fix == null ? "" : fix;
    }

    public InvalidConfigException(Position position, String message) {
        this(position, message, "");
    }

    public Position position() {
        return position;
    }

    public String fix() {
        return fix;
    }

    public Problem toProblem() {
        return Problem.error(position, getMessage(), fix);
    }
}
