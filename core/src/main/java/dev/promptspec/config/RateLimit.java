package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * A run's pace: at most this many requests and tokens per minute, over every prompt file of the run.
 *
 * @param requestsPerMinute 0 for no request limit ({@code promptspec.rate-limit.requests-per-minute})
 * @param tokensPerMinute   0 for no token limit ({@code promptspec.rate-limit.tokens-per-minute})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RateLimit(long requestsPerMinute, long tokensPerMinute) {

    public static final RateLimit NONE = new RateLimit(0, 0);

    public RateLimit {
        if (requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("rate limits must not be negative");
        }
    }

    public boolean isLimited() {
        return requestsPerMinute > 0 || tokensPerMinute > 0;
    }
}
