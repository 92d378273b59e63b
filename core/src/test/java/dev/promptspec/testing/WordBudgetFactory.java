package dev.promptspec.testing;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.Verdict;
import dev.promptspec.problem.InvalidConfigException;
import java.util.List;

/**
 * The example of a user's own evaluator kind in {@code docs/evaluators.md}, {@code wordBudget: {max: N}}, exactly as
 * written there (ReadmeEvaluatorExamplesTest checks it line for line and loads the page's YAML with it); the engine
 * tests register it through ServiceLoader as a library would.
 */
public final class WordBudgetFactory implements EvaluatorFactory {

    @Override
    public String kind() {
        return "wordBudget";
    }

    @Override
    public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
        EvaluatorSettings settings = def.settings();
        settings.allowOnly(List.of("max"));
        int max = settings.integer("max", 1).orElseThrow(() -> def.reject("wordBudget evaluator '" + def.name()
                + "' needs 'max'", "Add max: with the most words a response may have"));
        return ctx -> {
            int words = ctx.response().split("\\s+").length;
            return Verdict.of(words <= max, words + " words; at most " + max + " allowed");
        };
    }
}
