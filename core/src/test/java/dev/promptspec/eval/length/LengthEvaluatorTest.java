package dev.promptspec.eval.length;

import static dev.promptspec.testing.EvaluatorHarness.check;
import static dev.promptspec.testing.EvaluatorHarness.resource;
import static dev.promptspec.testing.EvaluatorHarness.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.eval.Verdict;
import org.junit.jupiter.api.Test;

class LengthEvaluatorTest {

    private static final String CODE_REVIEW = resource("responses/code-review-fenced.md");

    @Test
    void units_are_counted_on_the_trimmed_response() {
        assertThat(TextUnit.WORDS.count("event-sourced CQRS (ES)\n\n  with\tsagas")).isEqualTo(5);
        assertThat(TextUnit.CHARACTERS.count("naïve 🚀")).isEqualTo(7);
        assertThat(TextUnit.LINES.count("a\n\nb")).isEqualTo(3);
        assertThat(TextUnit.LINES.count("")).isZero();
    }

    @Test
    void bounds_pass_and_fail_with_what_was_found() throws Exception {
        assertThat(check("length: {minWords: 300, maxWords: 800}", CODE_REVIEW)).isEqualTo(Verdict.pass("the response has 550 words"));
        assertThat(check("length: {maxWords: 250, maxLines: 200}", CODE_REVIEW)).isEqualTo(
                Verdict.fail("the response has 550 words; expected at most 250 words"));
        assertThat(check("length: {minCharacters: 20, maxLines: 1}", "\n  Paris is the capital of France.  \n"))
                .isEqualTo(Verdict.pass("the response has 31 characters; the response has 1 line"));
        assertThat(check("length: {minCharacters: 1}", "   ")).isEqualTo(Verdict.fail("the response has 0 characters; expected at least 1 character"));
        assertThat(check("length: {minLines: 3, maxLines: 3}", "one\ntwo")).isEqualTo(
                Verdict.fail("the response has 2 lines; expected exactly 3 lines"));
    }

    @Test
    void malformed_configuration_is_a_load_error_at_its_line() {
        assertThat(single("length: {}").errors()).isEqualTo("prompts/test.prompt.yml:10:13: error: length evaluator 'check' has"
                + " no bound. Set one of minCharacters, maxCharacters, minWords, maxWords, minLines, maxLines");
        assertThat(single("length: {minWords: 500, maxWords: 100}").errors())
                .isEqualTo("prompts/test.prompt.yml:10:24: error: minWords (500) is greater than maxWords (100)."
                        + " Make minWords at most maxWords");
        assertThat(single("length: {maxWords: -1}").errors())
                .isEqualTo("prompts/test.prompt.yml:10:24: error: 'maxWords' in length evaluator 'check' must be at least 0, not -1."
                        + " Use a whole number of at least 0");
        assertThat(single("length: {maxWord: 400}").errors()).isEqualTo("prompts/test.prompt.yml:10:14: error: unknown key"
                + " 'maxWord' in length evaluator 'check' — did you mean 'maxWords'? Known keys: minCharacters, maxCharacters,"
                + " minWords, maxWords, minLines, maxLines");
    }
}
