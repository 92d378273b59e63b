package dev.promptspec.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.run.CaseResult;
import org.apiguardian.api.API;

/**
 * A case as the test framework reported it: the result plus the name people saw and the final status.
 *
 * @param displayName the name shown in the IDE and in Surefire
 * @param status      the status reported for it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CaseOutcome(CaseResult result, String displayName, Status status) {

    public enum Status { PASSED, FAILED, ERROR, ABORTED }

    /** The status a result gets when nothing else (a budget stop, say) decided it. */
    public static Status statusOf(CaseResult result) {
        if (result.error() != null) {
            return Status.ERROR;
        }
        return result.passed() ? Status.PASSED : Status.FAILED;
    }
}
