package dev.promptspec.internal.model.limit;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.internal.model.limit.AdaptiveConcurrencyLimit.Outcome;
import dev.promptspec.internal.model.retry.Faults;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/**
 * At most the run's {@link AdaptiveConcurrencyLimit} attempts in flight over the whole run, whoever calls: the case
 * pool, judges, or JUnit's own threads in parallel mode. The permit is held until the attempt has returned (the
 * attempt runs on this thread, see {@link TimeoutClient}), and its outcome adapts the limit. Backoff waits hold no
 * permit.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConcurrencyLimitedClient implements ModelClient {

    private final ModelClient delegate;
    private final AdaptiveConcurrencyLimit limit;
    private final BooleanSupplier cancelled;

    /** @param limit shared by every client of the run */
    public ConcurrencyLimitedClient(ModelClient delegate, AdaptiveConcurrencyLimit limit, BooleanSupplier cancelled) {
        this.delegate = delegate;
        this.limit = limit;
        this.cancelled = cancelled;
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        AdaptiveConcurrencyLimit.Permit permit = limit.acquire(cancelled);
        if (permit == null) {
            throw new ModelCallException(ModelCallException.Kind.CANCELLED, "the run was cancelled before this call started", 0);
        }
        Outcome outcome = Outcome.FAILED;
        try {
            ModelResponse response = delegate.call(request, context);
            outcome = Outcome.SUCCEEDED;
            return response;
        } catch (ModelCallException e) {
            if (Faults.rateLimited(e)) {
                outcome = Outcome.RATE_LIMITED;
            }
            throw e;
        } finally {
            permit.release(outcome);
        }
    }
}
