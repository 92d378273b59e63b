package dev.promptspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
/**
 * Why a call is made, so recordings, errors and reports can name it.
 *
 * @param promptFile the prompt file's name
 * @param caseKey    the test case's key within the file
 * @param purpose    {@code prompt} for the prompt itself, {@code judge:<evaluator>} for a judge's call
 */
@API(status = INTERNAL, since = "0.1")
public record CallContext(String promptFile, String caseKey, String purpose) {

    /** The purpose of the prompt's own call. */
    public static final String PROMPT = "prompt";

    /** The prompt's own call for one test case. */
    public static CallContext prompt(String promptFile, String caseKey) {
        return new CallContext(promptFile, caseKey, PROMPT);
    }

    /** A judge's call for the same test case, made by the evaluator named {@code evaluatorName}. */
    public CallContext forJudge(String evaluatorName) {
        return new CallContext(promptFile, caseKey, "judge:" + evaluatorName);
    }

    @Override
    public String toString() {
        return promptFile + " [" + caseKey + "]" + (PROMPT.equals(purpose) ? "" : " " + purpose);
    }
}
