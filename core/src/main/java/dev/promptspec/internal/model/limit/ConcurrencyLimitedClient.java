package dev.promptspec.internal.model.limit;

import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * At most {@code promptspec.concurrency} attempts in flight over the whole run, whoever calls: the case
 * pool, judges, or JUnit's own threads in parallel mode. Backoff waits hold no permit.
 */
public final class ConcurrencyLimitedClient implements ModelClient {

    private final ModelClient delegate;
    private final Semaphore permits;
    private final BooleanSupplier cancelled;

    /** @param permits shared by every client of the run */
    public ConcurrencyLimitedClient(ModelClient delegate, Semaphore permits, BooleanSupplier cancelled) {
        this.delegate = delegate;
        this.permits = permits;
        this.cancelled = cancelled;
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        try {
            while (!permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    throw notStarted();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notStarted();
        }
        try {
            return delegate.call(request, context);
        } finally {
            permits.release();
        }
    }

    private static ModelCallException notStarted() {
        return new ModelCallException(ModelCallException.Kind.CANCELLED, "the run was cancelled before this call started", 0);
    }
}
