package dev.promptspec.problem;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** A prompt file that cannot run; its message lists every problem, one per line, with positions. */
@API(status = INTERNAL, since = "0.1")
public class InvalidPromptFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidPromptFileException(String file, List<Problem> problems) {
        super(message(file, problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(String file, List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        return file + " cannot run: " + errors + (errors == 1 ? " error" : " errors") + "\n"
                + problems.stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n"));
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // The message says where the problem is; a Java stack trace would only hide it.
        return this;
    }
}
