package dev.promptspec.eval.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.Verdict;
import org.apiguardian.api.API;

/**
 * One check of a response that is valid JSON. The YAML {@code json} evaluator and the Java assertions run
 * the same checks. Build them with {@link JsonChecks}.
 */
@API(status = INTERNAL, since = "0.1")
public interface JsonCheck {

    /** What the check wants, in the words of an assertion: "/status equal to \"SHIPPED\"". */
    String expectation();

    /** The verdict on a response that {@link JsonResponse#isValid() is valid JSON}. Never throws. */
    Verdict check(JsonResponse json);
}
