package dev.promptspec.eval.negation;

import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.Verdict;
import java.util.Set;

/**
 * Passes when the wrapped evaluator fails, with score {@code 1 - score}. An exception of the wrapped
 * evaluator is not a failure to negate: it propagates and fails this check, so a crash never passes; a judge
 * call that got no answer propagates too and makes the case an error, so an unreachable judge never passes.
 */
final class NotEvaluator implements Evaluator {

    private final String innerKind;
    private final Evaluator inner;

    NotEvaluator(String innerKind, Evaluator inner) {
        this.innerKind = innerKind;
        this.inner = inner;
    }

    @Override
    public Verdict evaluate(EvaluationContext context) throws Exception {
        Verdict v = inner.evaluate(context);
        if (v == null) {
            return Verdict.fail("the negated " + innerKind + " evaluator returned no verdict (null)");
        }
        String detail = v.passed()
                ? "the negated " + innerKind + " check holds, so this fails: " + v.detail()
                : "the negated " + innerKind + " check does not hold, as required: " + v.detail();
        return new Verdict(!v.passed(), 1 - v.score(), detail);
    }

    @Override
    public Set<String> variablesUsed() {
        return inner.variablesUsed();
    }
}
