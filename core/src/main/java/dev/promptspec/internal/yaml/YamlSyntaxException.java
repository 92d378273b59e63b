package dev.promptspec.internal.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.problem.Problem;
import org.apiguardian.api.API;

/** The text is not YAML we can read: carries the position and a message written for humans. */
@API(status = INTERNAL, since = "0.1")
public final class YamlSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    YamlSyntaxException(Problem problem) {
        super(problem.format());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
