package dev.promptspec.examples;

import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Verdict;
import dev.promptspec.junit.PromptEvaluator;
import dev.promptspec.junit.PromptSpec;
import java.util.regex.Pattern;

/**
 * A judged suite: model-graded checks (relevance, groundedness, a refund-policy audit) next to a Java
 * evaluator and an offline embedding check. Prompt and judge calls replay from the recordings, so it runs
 * offline like any other test.
 */
@PromptSpec("prompts/support/order-status.prompt.yml")
class OrderStatusPromptTest {

    /**
     * {@code uses: java:quotesOrderNumber}: the reply quotes the order number the customer gave, as a whole number. It
     * reads the testData key {@code orderId}, which no message uses: {@code reads} says so.
     */
    @PromptEvaluator(reads = "orderId")
    static Verdict quotesOrderNumber(EvaluationContext context) {
        String orderId = context.variables().get("orderId");
        boolean quoted = Pattern.compile("(?<!\\d)" + Pattern.quote(orderId) + "(?!\\d)").matcher(context.response()).find();
        return Verdict.of(quoted, quoted ? "quotes order " + orderId : "does not quote the order number " + orderId);
    }
}
