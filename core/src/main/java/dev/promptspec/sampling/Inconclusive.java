package dev.promptspec.sampling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

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
        return Labels.parse(Inconclusive.class, text);
    }

    public String label() {
        return Labels.label(this);
    }
}
