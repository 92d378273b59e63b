package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/** What fails the build ({@value Keys#FAIL_ON}). */
@API(status = EXPERIMENTAL, since = "0.1")
public enum FailOn {

    /** Every case that does not pass. */
    ANY_FAILURE,
    /** Only cases that passed in the baseline and fail now; other failing cases are reported, aborted. */
    REGRESSIONS;

    /** The value as written in the configuration: {@code any-failure}, {@code regressions}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<FailOn> parse(String text) {
        for (FailOn f : values()) {
            if (f.label().equalsIgnoreCase(text.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
