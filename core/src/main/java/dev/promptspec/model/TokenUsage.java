package dev.promptspec.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * Tokens billed for one call.
 *
 * @param inputTokens  prompt tokens, or null when the provider did not say
 * @param outputTokens completion tokens, or null when the provider did not say
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TokenUsage(Integer inputTokens, Integer outputTokens) {

    /** The provider reported no usage. */
    public static final TokenUsage UNKNOWN = new TokenUsage(null, null);

    /** Whether the provider reported either count. */
    public boolean isKnown() {
        return inputTokens != null || outputTokens != null;
    }

    /** Input plus output tokens, an unknown count as 0. */
    public int total() {
        return (inputTokens == null ? 0 : inputTokens) + (outputTokens == null ? 0 : outputTokens);
    }

    /** The sum of two calls' usage; a count unknown on one side is taken from the other. */
    public TokenUsage plus(TokenUsage other) {
        if (!other.isKnown()) {
            return this;
        }
        if (!isKnown()) {
            return other;
        }
        return new TokenUsage(sum(inputTokens, other.inputTokens), sum(outputTokens, other.outputTokens));
    }

    private static Integer sum(Integer a, Integer b) {
        return a == null ? b : b == null ? a : a + b;
    }
}
