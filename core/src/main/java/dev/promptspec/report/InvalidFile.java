package dev.promptspec.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.problem.Problem;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A prompt file that could not run (a YAML error, an unknown evaluator kind, a {@code @PromptSpec} location that
 * does not exist...): none of its cases has a result, and the test framework reported the file itself as one errored
 * test. Reports list it with its problems, so an invalid file never hides behind a 100% pass rate.
 *
 * @param promptFile  the file's name, as case outcomes name theirs
 * @param displayName the name shown in the IDE and in Surefire ({@code broken.prompt.yml (invalid: 2 errors)})
 * @param problems    the errors that stop it from running, in file order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record InvalidFile(String promptFile, String displayName, List<Problem> problems) {

    public InvalidFile {
        problems = List.copyOf(problems);
    }
}
