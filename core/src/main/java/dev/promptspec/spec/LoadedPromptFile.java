package dev.promptspec.spec;

import dev.promptspec.problem.InvalidPromptFileException;
import dev.promptspec.problem.Problem;
import java.util.List;
import java.util.Optional;

/**
 * What loading one file produced: the file when it can run, and every problem found either way.
 */
public record LoadedPromptFile(PromptSource source, Optional<PromptFile> file, List<Problem> problems) {

    public LoadedPromptFile {
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return file.isPresent();
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The file, or an exception listing every problem. */
    public PromptFile orThrow() {
        return file.orElseThrow(() -> new InvalidPromptFileException(source.name(), problems));
    }
}
