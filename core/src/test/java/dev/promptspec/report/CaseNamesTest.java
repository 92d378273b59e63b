package dev.promptspec.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaseNamesTest {

    /** What the names showed before, computed without a regular expression and without reading past what is shown. */
    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "short", "  padded  ", "tabs\tand\nnew  lines\r\n here",
        "\u0001control at the start", "a\u0001 \u0002b", "ends with controls\u0001\u0002", "non-breaking\u00a0and em\u2003spaces",
        "exactly twenty chars", "exactly twenty chars ", "a value that is much longer than the budget of twenty characters",
        "  a  value  with   runs   of   spaces   longer   than   twenty  ", "\f\u000B vertical tab and form feed \u000B"})
    void the_glimpse_of_a_value_is_its_whitespace_collapsed_trimmed_and_cut(String value) {
        for (int budget : new int[] {1, 5, 20, 60}) {
            String expected = value.replaceAll("\\s+", " ").trim();
            if (expected.length() > budget) {
                expected = expected.substring(0, budget) + "…";
            }
            assertThat(CaseNames.glimpse(value, budget)).as("budget %d", budget).isEqualTo(expected);
        }
    }
}
