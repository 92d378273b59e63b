package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Verdict;

/**
 * One structural check of a Markdown region. The YAML {@code markdown} evaluator and the Java assertions
 * ({@code PromptAssertions}) run the same checks, so both say the same thing about the same response.
 * Build them with {@link MarkdownChecks}.
 */
public interface MarkdownCheck {

    /** What the check wants, in the words of an assertion: "at least 3 bullets". */
    String expectation();

    /** The check's verdict on {@code region}; its detail says what was found. Never throws. */
    Verdict check(MarkdownRegion region);
}
