package dev.promptspec.model;

/**
 * Why a call is made, so recordings, errors and reports can name it.
 *
 * @param promptFile the prompt file's name
 * @param caseKey    the test case's key within the file
 * @param purpose    {@code prompt} for the prompt itself, {@code judge:<evaluator>} for a judge's call
 */
public record CallContext(String promptFile, String caseKey, String purpose) {

    public static final String PROMPT = "prompt";

    public static CallContext prompt(String promptFile, String caseKey) {
        return new CallContext(promptFile, caseKey, PROMPT);
    }

    public CallContext forJudge(String evaluatorName) {
        return new CallContext(promptFile, caseKey, "judge:" + evaluatorName);
    }

    @Override
    public String toString() {
        return promptFile + " [" + caseKey + "]" + (PROMPT.equals(purpose) ? "" : " " + purpose);
    }
}
