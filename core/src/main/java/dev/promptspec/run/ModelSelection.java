package dev.promptspec.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.config.Keys;
import dev.promptspec.config.RunConfig;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.promptfile.PromptFile;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Which models a file's cases run on, and which model each call names: the id of a model supplied in code, else the
 * model the case runs on (in a run of several models), else the override, else the file's own, else the run's default.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ModelSelection {

    private ModelSelection() {
    }

    /**
     * The models each case of {@code file} runs on, each run its own test: the file's {@code models:}, else the
     * configuration's {@value Keys#MODELS}; empty (each case runs once, on the file's model) when neither names any, or
     * when {@value Keys#MODEL} replaces every file's model.
     */
    public static List<String> modelsOf(PromptFile file, RunConfig config) {
        if (config.modelOverride().isPresent()) {
            return List.of();
        }
        return file.models().isEmpty() ? config.models() : file.models();
    }

    /**
     * @param pinned the id of a model supplied in code, which answers whatever the file names
     * @param modelUnderTest the model the case runs on in a run of several models, or null
     */
    static String modelFor(PromptFile file, RunConfig config, Optional<String> pinned, String modelUnderTest)
            throws ModelCallException {
        Optional<String> chosen = pinned.or(() -> Optional.ofNullable(modelUnderTest)).or(config::modelOverride).or(file::model)
                .or(config::defaultModel);
        if (chosen.isEmpty()) {
            throw new ModelCallException(ModelCallException.Kind.CONFIGURATION, file.source().name()
                    + " names no model: add 'model: gpt-4o-mini' (or any model id) to the file, or set " + Keys.DEFAULT_MODEL
                    + " for files that name none", 0);
        }
        return chosen.get();
    }

    /**
     * The model of a judge that names none: {@value Keys#JUDGE_MODEL}, else the prompt's model. In a run of several
     * models judges are not multiplied with the case: they keep the model the file names without {@code models}.
     */
    static String judgeModelFor(PromptFile file, RunConfig config, Optional<String> pinned, String modelUnderTest,
            String promptModel) throws ModelCallException {
        if (config.judgeModel().isPresent()) {
            return config.judgeModel().get();
        }
        if (modelUnderTest == null) {
            return promptModel;
        }
        try {
            return modelFor(file, config, pinned, null);
        } catch (ModelCallException none) {
            throw new ModelCallException(ModelCallException.Kind.CONFIGURATION, file.source().name() + " runs on several models"
                    + " and its judge names none: judges do not follow the case's model, so set " + Keys.JUDGE_MODEL
                    + ", the judge's modelId, or the file's 'model:'", 0);
        }
    }
}
