package dev.promptspec.problem;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;

/** Collects every problem of one file, so the author sees all of them at once, not one per run. */
@API(status = INTERNAL, since = "0.1")
public final class ProblemCollector {

    private final List<Problem> problems = new ArrayList<>();

    public void add(Problem problem) {
        problems.add(problem);
    }

    public void error(Position position, String message, String fix) {
        add(Problem.error(position, message, fix));
    }

    public void warning(Position position, String message, String fix) {
        add(Problem.warning(position, message, fix));
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /**
     * Problems in reading order: grouped by file (a prompt file's data files have problems of their own), then by
     * line and column, errors before warnings at the same place.
     */
    public List<Problem> problems() {
        return problems.stream()
                .sorted(Comparator.comparing((Problem p) -> p.position().file())
                        .thenComparingInt(p -> p.position().line())
                        .thenComparingInt(p -> p.position().column())
                        .thenComparing(Problem::severity))
                .toList();
    }
}
