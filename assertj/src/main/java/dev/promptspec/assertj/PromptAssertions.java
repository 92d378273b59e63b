package dev.promptspec.assertj;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.promptspec.model.ModelResponse;
import org.apiguardian.api.API;

/**
 * Entry point of PromptSpec's AssertJ assertions, for hand-written tests over any model output:
 * <pre>{@code
 * import static dev.promptspec.assertj.PromptAssertions.assertThat;
 *
 * assertThat(answer).hasBoldSpansAtLeast(5)
 *         .hasSection("Risks").withBulletsAtLeast(3).withEveryBulletStartingWithBold();
 * assertThat(json).isValidJsonAgainst(Path.of("src/test/resources/order.schema.json"))
 *         .hasJsonValue("/status", "CONFIRMED");
 * }</pre>
 * Each assertion runs the same check as the YAML evaluator of the same kind ({@code markdown},
 * {@code regex}, {@code json}, {@code length}), so a rule moves between a prompt file and a Java test
 * without changing meaning.
 */
@API(status = MAINTAINED, since = "0.1")
public final class PromptAssertions {

    private PromptAssertions() {
    }

    /** Assertions on a model response given as text (trimmed before checking, as evaluators see it). */
    public static ResponseAssert assertThat(String response) {
        return new ResponseAssert(response);
    }

    /** Assertions on the response's text. */
    public static ResponseAssert assertThat(ModelResponse response) {
        return new ResponseAssert(response == null ? null : response.text());
    }
}
