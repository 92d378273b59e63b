package dev.promptspec.promptfile;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.problem.InvalidPromptFileException;
import dev.promptspec.problem.Problem;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What reading a prompt file came to: the file when it can be used, and every problem found either way. Loading the
 * YAML ({@link LoadedPromptFile}) and building its evaluators ({@code run.CompiledPrompt}) both end this way.
 */
@API(status = INTERNAL, since = "0.1")
public interface PromptFileOutcome {

    /** The file as read. */
    PromptSource source();

    /** The file, unless an error makes it unusable. */
    Optional<PromptFile> file();

    /** Every problem found, errors and warnings, in file order. */
    List<Problem> problems();

    /** The problems that make the file unusable. */
    default List<Problem> errors() {
        return problems().stream().filter(Problem::isError).toList();
    }

    /** The problems worth fixing that do not stop the file. */
    default List<Problem> warnings() {
        return problems().stream().filter(p -> !p.isError()).toList();
    }

    /** The file, or an exception listing every problem with its position. */
    default PromptFile fileOrThrow() {
        return file().orElseThrow(() -> new InvalidPromptFileException(source().name(), problems()));
    }
}
