package dev.promptspec.eval.markdown;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.promptspec.eval.Verdict;
import org.apiguardian.api.API;

/**
 * One structural check of a Markdown region. The YAML {@code markdown} evaluator and the Java assertions
 * ({@code PromptAssertions}) run the same checks, so both say the same thing about the same response.
 * Build them with {@link MarkdownChecks}.
 */
@API(status = MAINTAINED, since = "0.1")
public interface MarkdownCheck {

    /** What the check wants, in the words of an assertion: "at least 3 bullets". */
    String expectation();

    /** The check's verdict on {@code region}; its detail says what was found. Never throws. */
    Verdict check(MarkdownRegion region);
}
