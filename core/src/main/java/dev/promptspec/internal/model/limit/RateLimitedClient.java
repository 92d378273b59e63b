package dev.promptspec.internal.model.limit;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/** Starts each attempt only when the run's {@link RateLimiter} allows it. */
@API(status = INTERNAL, since = "0.1")
public final class RateLimitedClient implements ModelClient {

    private final ModelClient delegate;
    private final RateLimiter limiter;
    private final BooleanSupplier cancelled;

    public RateLimitedClient(ModelClient delegate, RateLimiter limiter, BooleanSupplier cancelled) {
        this.delegate = delegate;
        this.limiter = limiter;
        this.cancelled = cancelled;
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        int estimate = TokenEstimator.estimate(request);
        if (!limiter.acquire(estimate, cancelled)) {
            throw new ModelCallException(ModelCallException.Kind.CANCELLED,
                    "the run was cancelled while this call waited for the rate limit", 0);
        }
        ModelResponse response = delegate.call(request, context);
        if (response.usage().isKnown()) {
            limiter.settle(estimate, response.usage().total());
        }
        return response;
    }
}
