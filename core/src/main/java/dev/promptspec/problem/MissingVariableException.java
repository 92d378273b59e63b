package dev.promptspec.problem;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.util.List;
import org.apiguardian.api.API;

/** A template uses variables that the test case does not provide. */
@API(status = MAINTAINED, since = "0.1")
public final class MissingVariableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> names;
    private final transient Position templatePosition;

    public MissingVariableException(List<String> names, Position templatePosition) {
        super((names.size() == 1 ? "variable " : "variables ")
                + String.join(", ", names.stream().map(n -> "'" + n + "'").toList())
                + (names.size() == 1 ? " is" : " are") + " used at " + templatePosition + " but not provided");
        this.names = List.copyOf(names);
        this.templatePosition = templatePosition;
    }

    public List<String> names() {
        return names;
    }

    public Position templatePosition() {
        return templatePosition;
    }
}
