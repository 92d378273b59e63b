package dev.promptspec.similarity;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.OptionalKinds;
import dev.promptspec.eval.SettingTemplate;
import dev.promptspec.eval.SettingValue;
import dev.promptspec.problem.InvalidConfigException;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * {@code similar:} compares the meaning of the response with a reference, offline: cosine similarity of
 * all-MiniLM-L6-v2 sentence embeddings computed in-process (no network, no key, no judge model).
 *
 * <pre>{@code
 * - name: close to the reference answer
 *   similar:
 *     to: "{{expected}}"
 *     threshold: 0.7
 * }</pre>
 *
 * {@code similar: "{{expected}}"} is short for {@code to:} with the default threshold.
 */
@API(status = INTERNAL, since = "0.1")
public final class SimilarEvaluatorFactory implements EvaluatorFactory {

    /**
     * Paraphrases of a short answer typically score 0.7–0.9 with this model, answers on the same topic with
     * different content about 0.5, unrelated texts about 0.
     */
    static final double DEFAULT_THRESHOLD = 0.7;

    @Override
    public String kind() {
        return "similar";
    }

    @Override
    public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
        SettingValue shorthand = def.value();
        if (shorthand.isScalar()) {
            return new SimilarEvaluator(shorthand.template(), DEFAULT_THRESHOLD);
        }
        EvaluatorSettings c = def.settings();
        c.allowOnly(List.of("to", "threshold"));
        Optional<SettingTemplate> to = c.template("to");
        if (to.isEmpty() || to.get().text().isBlank()) {
            throw def.value().reject(c.where() + " has no 'to'", "Add to: with the reference text, usually \"{{expected}}\"");
        }
        double threshold = c.number("threshold", 0, 1).orElse(DEFAULT_THRESHOLD);
        return new SimilarEvaluator(to.get(), threshold);
    }

    /** Kept in core ({@link OptionalKinds}) so the prompt file schema describes this kind without this module. */
    @Override
    public String settingsSchema() {
        return OptionalKinds.settingsSchema(kind()).orElseThrow();
    }
}
