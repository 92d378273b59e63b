package dev.promptspec.sampling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/** What an inconclusive sequential verdict means to the build ({@code promptspec.sampling.inconclusive}). */
@API(status = EXPERIMENTAL, since = "0.2")
public enum Inconclusive {
    /** The default: a case not shown to reach its pass rate fails. */
    FAIL,
    /** A case not shown to fall below its pass rate passes (still reported as inconclusive). */
    PASS;

    /** As configuration writes it ({@code fail}, {@code pass}), any case. */
    public static Optional<Inconclusive> parse(String text) {
        for (Inconclusive i : values()) {
            if (i.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
