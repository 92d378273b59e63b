package dev.promptspec.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scores and costs in report entries read exactly as {@code String.format("%.Nf")} wrote them. */
class DecimalsTest {

    private static final double[] EDGES = {0, -0.0, 1, -1, 0.5, 0.125, 0.005, 0.015, 1.005, 2.675, 0.0000125, 0.0000005, 2.5e-7,
        1.5e-6, 0.9999995, 0.999999500001, 0.3333333333333333, 0.6666666666666666, 123456.7890125, 1e15, 1e20, -2.5e-7, 4.9e-324,
        Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Test
    void writes_what_the_formatter_writes_for_every_kind_of_double() {
        Random random = new Random(42);
        for (int places : new int[] {0, 2, 4, 6}) {
            for (double v : EDGES) {
                assertThat(Decimals.fixed(v, places)).as("%s with %d places", v, places).isEqualTo(format(v, places));
            }
            for (int i = 0; i < 20_000; i++) {
                double scale = Math.pow(10, random.nextInt(12) - 9);
                double v = random.nextDouble() * scale * (random.nextBoolean() ? 1 : -1);
                double rounded = Math.round(v * 1e7) / 1e7; // many values on the rounding boundaries
                for (double each : new double[] {v, rounded, (double) (float) v}) {
                    assertThat(Decimals.fixed(each, places)).as("%s with %d places", each, places).isEqualTo(format(each, places));
                }
            }
        }
    }

    private static String format(double v, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", v);
    }
}
