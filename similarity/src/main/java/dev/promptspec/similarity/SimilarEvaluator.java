package dev.promptspec.similarity;

import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.SettingTemplate;
import dev.promptspec.eval.Texts;
import dev.promptspec.eval.Verdict;
import dev.promptspec.problem.MissingVariableException;
import java.util.Locale;
import java.util.Set;

/** Passes when the response's embedding is at least {@code threshold} cosine-similar to the reference's. */
final class SimilarEvaluator implements Evaluator {

    private final SettingTemplate reference;
    private final double threshold;

    SimilarEvaluator(SettingTemplate reference, double threshold) {
        this.reference = reference;
        this.threshold = threshold;
    }

    @Override
    public Verdict evaluate(EvaluationContext context) {
        String to;
        try {
            to = reference.render(context);
        } catch (MissingVariableException e) {
            return Verdict.fail("cannot compare: " + e.getMessage());
        }
        if (to.isBlank()) {
            return Verdict.fail("the reference to compare with is empty");
        }
        if (context.response().isBlank()) {
            return Verdict.fail("the response is empty");
        }
        double cosine = MiniLm.cosine(context.response(), to);
        boolean passed = cosine >= threshold;
        String detail = String.format(Locale.ROOT, "cosine similarity %.2f to %s (%s %.2f)", cosine, Texts.quote(to, 60),
                passed ? "passes at ≥" : "needs ≥", threshold);
        return new Verdict(passed, Math.max(0, Math.min(1, cosine)), detail);
    }

    @Override
    public Set<String> variablesUsed() {
        return reference.variables();
    }
}
