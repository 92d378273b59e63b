package dev.promptspec.eval.markdown;

import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.Verdict;

/** Parses the response as Markdown and runs one (usually composite) check on it. */
final class MarkdownEvaluator implements Evaluator {

    private final MarkdownCheck check;

    MarkdownEvaluator(MarkdownCheck check) {
        this.check = check;
    }

    @Override
    public Verdict evaluate(EvaluationContext context) {
        return check.check(MarkdownRegion.parse(context.response()));
    }
}
