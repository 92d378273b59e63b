package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.problem.InvalidConfigException;
import org.apiguardian.api.API;

/**
 * Builds evaluators of one kind from their YAML settings. Registered through
 * {@code META-INF/services/dev.promptspec.eval.EvaluatorFactory}, so a library can add kinds.
 *
 * <p>Factories run when the prompt file is loaded: they validate every setting then (a bad regex is a
 * load-time error with file and line), so that evaluation itself cannot fail for configuration reasons.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface EvaluatorFactory {

    /** The key that names this kind in YAML: {@code string}, {@code regex}, ... */
    String kind();

    /**
     * The evaluator that {@code definition} declares. Read its settings with {@link EvaluatorDefinition#settings()} (or
     * {@link EvaluatorDefinition#value()} for a short form) and check every one of them here.
     *
     * @return an immutable, thread-safe evaluator: one instance serves every test case of the file
     * @throws InvalidConfigException for a setting that cannot work: the one {@link SettingValue#reject} (or
     *                                {@link EvaluatorDefinition#reject}) returns, so that the file fails to load with
     *                                your message at that setting's line
     */
    Evaluator create(EvaluatorDefinition definition) throws InvalidConfigException;

    /**
     * The JSON Schema (draft-07, as JSON text) of this kind's settings: the value under the kind's key
     * ({@code string: {...}}), which is also what sits beside {@code type:} in the {@code type: <kind>} form.
     * PromptSpec assembles the schema of the whole file format from these (editors use it for completion and
     * checks), and the loader uses its {@code properties} to point a setting written in the wrong place to its kind.
     * Give every property a {@code description}. A kind whose settings hold another check (as {@code not:} does) may
     * refer to {@code #/definitions/check}, one check of any kind without a name.
     *
     * <p>The default accepts any value: nothing is checked or completed until the factory describes its settings.
     */
    default String settingsSchema() {
        return "{\"description\": \"Settings of the '" + kind() + "' evaluator (its factory publishes no schema).\"}";
    }
}
