package dev.promptspec.baseline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import org.apiguardian.api.API;

/** How a case's verdict changed since the baseline. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum CaseChange {

    /** Passed in the baseline, does not pass now: a regression. */
    NEWLY_FAILING,
    /** Did not pass in the baseline, passes now. */
    NEWLY_PASSING,
    /** Did not pass in the baseline, does not pass now. */
    STILL_FAILING,
    /** Not in the baseline. */
    ADDED,
    /** A sampled case that passed in the baseline and not now, its pass rate's drop not significant at its confidence. */
    NOISE,
    /** Passed in the baseline and now. */
    STILL_PASSING;

    /** The label reports give it ({@code newly-failing}); still passing cases are not labelled. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the case fails the build under {@code promptspec.fail-on=regressions}. */
    public boolean isRegression() {
        return this == NEWLY_FAILING;
    }
}
