package dev.promptspec.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.mutation.CaseMutations;
import dev.promptspec.run.CaseResult;
import org.apiguardian.api.API;

/**
 * A case as the test framework reported it: the result plus the name people saw and the final status.
 *
 * @param displayName the name shown in the IDE and in Surefire
 * @param status      the status reported for it
 * @param mutation    in {@code mutate} mode, the mutants of the response the case passed on and how each ended; else null
 * @param model       the model the case ran on in a run of several models, or null: the report names it even for a
 *                    case whose request could not be rendered
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CaseOutcome(CaseResult result, String displayName, Status status, CaseMutations mutation, String model) {

    public enum Status { PASSED, FAILED, ERROR, ABORTED }

    /** A case of a run on one model. */
    public CaseOutcome(CaseResult result, String displayName, Status status) {
        this(result, displayName, status, null, null);
    }

    /** The status a result gets when nothing else (a budget stop, say) decided it. */
    public static Status statusOf(CaseResult result) {
        if (result.error() != null) {
            return Status.ERROR;
        }
        return result.passed() ? Status.PASSED : Status.FAILED;
    }
}
