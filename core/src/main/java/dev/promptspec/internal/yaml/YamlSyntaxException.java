package dev.promptspec.internal.yaml;

import dev.promptspec.problem.Problem;

/** The text is not YAML we can read: carries the position and a message written for humans. */
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
