package dev.promptspec.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Numbers with a fixed count of decimals, exactly as {@code String.format(Locale.ROOT, "%.<places>f", value)} writes
 * them, without a {@link java.util.Formatter} (which parses its pattern on every call): every case publishes its score
 * and cost this way.
 */
@API(status = INTERNAL, since = "0.1")
public final class Decimals {

    private Decimals() {
    }

    /** {@code value} with {@code places} decimals, rounded half up as {@code %.Nf} rounds. */
    public static String fixed(double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value == 0 && 1 / value < 0) {
            return String.format(Locale.ROOT, "%." + places + "f", value); // NaN, Infinity, -0.0: as the formatter says
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            StringBuilder sb = new StringBuilder(24).append((long) value);
            if (places > 0) {
                sb.append('.');
                for (int i = 0; i < places; i++) {
                    sb.append('0');
                }
            }
            return sb.toString();
        }
        // The formatter rounds the shortest decimal that reads back as the double (Double.toString's digits), half up.
        String s = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
        return value < 0 && s.charAt(0) != '-' ? "-" + s : s; // the formatter keeps the sign of what rounds to zero
    }
}
