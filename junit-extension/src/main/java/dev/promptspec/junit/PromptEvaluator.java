package dev.promptspec.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

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
 *     @PromptEvaluator("no-internal-notes")
 *     static Verdict noInternalNotes(EvaluationContext context) {
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
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PromptEvaluator {

    /** The name after {@code java:} in YAML. Default: the method's name. */
    String value() default "";
}
