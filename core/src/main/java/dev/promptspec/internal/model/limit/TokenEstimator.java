package dev.promptspec.internal.model.limit;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import org.apiguardian.api.API;

/**
 * Estimates the tokens a request will use before it is sent, the way providers count against a
 * tokens-per-minute limit: about four characters per prompt token, a few tokens per message, plus the
 * output tokens the request allows ({@code max_tokens}). The real usage corrects it afterwards.
 */
@API(status = INTERNAL, since = "0.1")
public final class TokenEstimator {

    private static final int CHARS_PER_TOKEN = 4;
    private static final int TOKENS_PER_MESSAGE = 4;

    private TokenEstimator() {
    }

    public static int estimate(ModelRequest request) {
        long chars = 0;
        for (ChatMessage m : request.messages()) {
            chars += m.content().length();
        }
        long tokens = (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + (long) TOKENS_PER_MESSAGE * request.messages().size();
        ModelParameters p = request.parameters();
        Integer maxOut = p.maxCompletionTokens() != null ? p.maxCompletionTokens() : p.maxTokens();
        if (maxOut != null && maxOut > 0) {
            tokens += maxOut;
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }
}
