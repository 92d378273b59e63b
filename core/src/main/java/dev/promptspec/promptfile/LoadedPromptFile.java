package dev.promptspec.promptfile;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.problem.Problem;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What loading one file produced: the file when it can run, and every problem found either way.
 */
@API(status = INTERNAL, since = "0.1")
public record LoadedPromptFile(PromptSource source, Optional<PromptFile> file, List<Problem> problems) implements PromptFileOutcome {

    public LoadedPromptFile {
        problems = List.copyOf(problems);
    }

    /** Whether the file can run: it loaded without errors. */
    public boolean isValid() {
        return file.isPresent();
    }
}
