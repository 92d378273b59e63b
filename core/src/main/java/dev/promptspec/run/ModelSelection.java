package dev.promptspec.run;

import dev.promptspec.config.Keys;
import dev.promptspec.config.RunConfig;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.promptfile.PromptFile;
import java.util.Optional;

/**
 * Which model a file's cases use: the id of a model supplied in code, else the override, else the file's own,
 * else the run's default.
 */
final class ModelSelection {

    private ModelSelection() {
    }

    /** @param pinned the id of a model supplied in code, which answers whatever the file names */
    static String modelFor(PromptFile file, RunConfig config, Optional<String> pinned) throws ModelCallException {
        Optional<String> chosen = pinned.or(config::modelOverride).or(file::model).or(config::defaultModel);
        if (chosen.isEmpty()) {
            throw new ModelCallException(ModelCallException.Kind.CONFIGURATION, file.source().name()
                    + " names no model: add 'model: gpt-4o-mini' (or any model id) to the file, or set " + Keys.DEFAULT_MODEL
                    + " for files that name none", 0);
        }
        return chosen.get();
    }
}
