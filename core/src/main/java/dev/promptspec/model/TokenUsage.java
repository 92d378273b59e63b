package dev.promptspec.model;

/**
 * Tokens billed for one call.
 *
 * @param inputTokens  prompt tokens, or null when the provider did not say
 * @param outputTokens completion tokens, or null when the provider did not say
 */
public record TokenUsage(Integer inputTokens, Integer outputTokens) {

    public static final TokenUsage UNKNOWN = new TokenUsage(null, null);

    public boolean isKnown() {
        return inputTokens != null || outputTokens != null;
    }

    public int total() {
        return (inputTokens == null ? 0 : inputTokens) + (outputTokens == null ? 0 : outputTokens);
    }

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
