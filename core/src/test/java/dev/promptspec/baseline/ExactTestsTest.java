package dev.promptspec.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Known p-values, each worked out by hand from binomial coefficients in its comment (and what R answers). */
class ExactTestsTest {

    @Test
    void fisher_one_sided_matches_the_hypergeometric_tail() {
        // 2 of 10 now, 9 of 10 before: 20 samples, 11 passes, 10 drawn now. P(X <= 2) = [C(11,1)C(9,9) + C(11,2)C(9,8)]
        // / C(20,10) = (11 + 495) / 184756 = 0.0027387 (R: fisher.test(matrix(c(2,9,8,1),2), alternative="less")).
        assertThat(ExactTests.fisherDropPValue(2, 10, 9, 10)).isCloseTo(506.0 / 184756, within(1e-12));
        // 7 of 10 now, 9 of 10 before: 16 passes. P(X <= 7) = [C(16,6)C(4,4) + C(16,7)C(4,3)] / C(20,10)
        // = (8008 + 45760) / 184756 = 0.29102: a drop this small is noise.
        assertThat(ExactTests.fisherDropPValue(7, 10, 9, 10)).isCloseTo(53768.0 / 184756, within(1e-12));
        // 1 of 3 now, 5 of 5 before: 8 samples, 6 passes, 3 drawn now. P(X <= 1) = C(6,1)C(2,2) / C(8,3) = 6 / 56.
        assertThat(ExactTests.fisherDropPValue(1, 3, 5, 5)).isCloseTo(6.0 / 56, within(1e-12));
    }

    @Test
    void fisher_finds_no_drop_where_the_rate_held_or_rose() {
        assertThat(ExactTests.fisherDropPValue(10, 10, 10, 10)).isEqualTo(1.0);
        assertThat(ExactTests.fisherDropPValue(10, 10, 2, 10)).isEqualTo(1.0);
    }

    @Test
    void mcnemar_exact_is_the_two_sided_binomial_test_of_the_discordant_pairs() {
        // 10 passed then failed, 2 failed then passed: 2 * [C(12,0) + C(12,1) + C(12,2)] / 2^12 = 2 * 79 / 4096 = 0.038574
        // (R: binom.test(2, 12)$p.value, or mcnemar.exact from exact2x2).
        assertThat(ExactTests.mcnemarPValue(10, 2)).isCloseTo(158.0 / 4096, within(1e-12));
        assertThat(ExactTests.mcnemarPValue(2, 10)).isCloseTo(158.0 / 4096, within(1e-12));
        // 3 and 1: 2 * [C(4,0) + C(4,1)] / 16 = 0.625.
        assertThat(ExactTests.mcnemarPValue(3, 1)).isCloseTo(0.625, within(1e-12));
        // 6 and 0: 2 / 64 = 0.03125, significant at 95% on its own.
        assertThat(ExactTests.mcnemarPValue(6, 0)).isCloseTo(0.03125, within(1e-12));
    }

    @Test
    void mcnemar_is_one_when_nothing_changed_or_changes_balance() {
        assertThat(ExactTests.mcnemarPValue(0, 0)).isEqualTo(1.0);
        assertThat(ExactTests.mcnemarPValue(4, 4)).isEqualTo(1.0);
    }
}
