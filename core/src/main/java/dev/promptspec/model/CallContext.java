package dev.promptspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
/**
 * Why a call is made, so recordings, errors and reports can name it.
 *
 * @param promptFile the prompt file's name
 * @param caseKey    the test case's key within the file
 * @param purpose    {@code prompt} for the prompt itself, {@code judge:<evaluator>} for a judge's call
 * @param sample     which sample of the case the call belongs to, from 1 (a case that is not sampled draws sample 1);
 *                   recordings keep one answer per sample
 * @param model      in a run of several models ({@code promptspec.models}, a file's {@code models:}), the model the case
 *                   runs on, which its judges' calls belong to as well; null otherwise. Recordings keep one answer per
 *                   model
 */
@API(status = INTERNAL, since = "0.1")
public record CallContext(String promptFile, String caseKey, String purpose, int sample, String model) {

    /** The purpose of the prompt's own call. */
    public static final String PROMPT = "prompt";

    public CallContext {
        sample = Math.max(1, sample);
    }

    /** A call of the first (or only) sample. */
    public CallContext(String promptFile, String caseKey, String purpose) {
        this(promptFile, caseKey, purpose, 1);
    }

    /** A call of a run on one model. */
    public CallContext(String promptFile, String caseKey, String purpose, int sample) {
        this(promptFile, caseKey, purpose, sample, null);
    }

    /** The prompt's own call for one test case. */
    public static CallContext prompt(String promptFile, String caseKey) {
        return new CallContext(promptFile, caseKey, PROMPT);
    }

    /** A judge's call for the same test case and sample, made by the evaluator named {@code evaluatorName}. */
    public CallContext forJudge(String evaluatorName) {
        return new CallContext(promptFile, caseKey, "judge:" + evaluatorName, sample, model);
    }

    /** The same call for sample {@code index} (from 1) of the case. */
    public CallContext forSample(int index) {
        return new CallContext(promptFile, caseKey, purpose, index, model);
    }

    /** The same call for the case run on {@code modelUnderTest} (null: a run on one model). */
    public CallContext forModel(String modelUnderTest) {
        return new CallContext(promptFile, caseKey, purpose, sample, modelUnderTest);
    }

    @Override
    public String toString() {
        return promptFile + " [" + caseKey + "]" + (model != null ? " [" + model + "]" : "") + (sample > 1 ? " sample " + sample : "") + (PROMPT.equals(purpose) ? "" : " " + purpose);
    }
}
