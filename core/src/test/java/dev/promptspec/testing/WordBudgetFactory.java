package dev.promptspec.testing;

import dev.promptspec.eval.ConfigReader;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
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
        ConfigReader c = new ConfigReader(def.configMap(), "wordBudget evaluator '" + def.name() + "'");
        c.allowOnly(List.of("max"));
        int max = c.integer("max", 1).orElseThrow(() -> new InvalidConfigException(def.position(), "wordBudget needs 'max'"));
        return ctx -> {
            int words = ctx.response().split("\\s+").length;
            return Verdict.of(words <= max, words + " words; at most " + max + " allowed");
        };
    }
}
