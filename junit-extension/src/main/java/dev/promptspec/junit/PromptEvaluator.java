package dev.promptspec.junit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Makes a static method of a {@code @PromptSpec} class (or of one of its superclasses) an evaluator that the
 * class's prompt files reference by name:
 *
 * <pre>{@code
 * @PromptSpec("prompts/support-reply.prompt.yml")
 * class SupportReplyPromptTest {
 *
 *     @PromptEvaluator
 *     static boolean orderIdPresent(String response) {
 *         return ORDER_ID.matcher(response).find();
 *     }
 *
 *     @PromptEvaluator(value = "quotesOrderNumber", reads = "orderId")
 *     static Verdict quotesOrderNumber(EvaluationContext context) {
 *         String orderId = context.variables().get("orderId");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <pre>{@code
 * evaluators:
 *   - name: Has order id
 *     uses: java:orderIdPresent
 * }</pre>
 *
 * <p>Supported signatures: one parameter, {@code String} (the trimmed response) or
 * {@link dev.promptspec.eval.EvaluationContext} (response, variables, usage...); returning {@code boolean}
 * or {@link dev.promptspec.eval.Verdict} (for a detail and a graded score). The method runs on PromptSpec's
 * threads, possibly concurrently. What it throws fails that check in that case only, with the stack trace
 * in the report; an {@link AssertionError} (an AssertJ assertion, say) fails it with the assertion's message.
 * Returning {@code null} is an error too (never a verdict, so {@code not:} cannot turn it into a pass).
 */
@API(status = STABLE, since = "0.1")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PromptEvaluator {

    /** The name after {@code java:} in YAML. Default: the method's name. */
    String value() default "";

    /**
     * The test-case variables the method reads from {@link dev.promptspec.eval.EvaluationContext#variables()}. They count
     * as read, as a YAML evaluator's {@code {{variables}}} do: a testData key only this method reads is not reported as
     * unused, and a declared variable that no testData entry provides is reported where the file uses the method.
     * Declaring {@code expected} turns off the implicit "expected" check for the files that use the method, as a YAML
     * evaluator reading {@code {{expected}}} does.
     */
    String[] reads() default {};
}
