package dev.promptspec.eval.json;

import dev.promptspec.eval.Verdict;

/**
 * One check of a response that is valid JSON. The YAML {@code json} evaluator and the Java assertions run
 * the same checks. Build them with {@link JsonChecks}.
 */
public interface JsonCheck {

    /** What the check wants, in the words of an assertion: "/status equal to \"SHIPPED\"". */
    String expectation();

    /** The verdict on a response that {@link JsonResponse#isValid() is valid JSON}. Never throws. */
    Verdict check(JsonResponse json);
}
