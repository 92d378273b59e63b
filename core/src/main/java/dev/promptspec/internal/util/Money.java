package dev.promptspec.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/** Estimated costs as people read them: {@code $0.000038}, {@code $0.0123}, {@code $4.57}. */
@API(status = INTERNAL, since = "0.1")
public final class Money {

    private Money() {
    }

    public static String format(double usd) {
        if (usd == 0) {
            return "$0.00";
        }
        if (Math.abs(usd) < 0.01) {
            // two significant digits: $0.0019, $0.000038
            return "$" + new java.math.BigDecimal(usd).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
        }
        if (Math.abs(usd) < 1) {
            return String.format(Locale.ROOT, "$%.4f", usd);
        }
        return String.format(Locale.ROOT, "$%,.2f", usd);
    }

    /** Plain, for machine-read report entries: {@code 0.012345}. */
    public static String plain(double usd) {
        return Decimals.fixed(usd, 6);
    }
}
