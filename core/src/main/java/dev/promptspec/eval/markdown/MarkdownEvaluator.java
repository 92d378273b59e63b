package dev.promptspec.eval.markdown;

import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.Verdict;

/** Runs one (usually composite) check on the response's Markdown tree, which the case's evaluators share. */
final class MarkdownEvaluator implements Evaluator {

    private final MarkdownCheck check;

    MarkdownEvaluator(MarkdownCheck check) {
        this.check = check;
    }

    @Override
    public Verdict evaluate(EvaluationContext context) {
        return check.check(context.parsed(MarkdownRegion.FORM));
    }
}
