package dev.promptspec.internal.model.limit;

import dev.promptspec.config.Keys;
import dev.promptspec.internal.util.Durations;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds one attempt by {@code promptspec.timeout}, whatever the provider does: an HTTP client's own timeout
 * may stop counting once the response headers arrive, so a server that sends headers and then stalls could
 * hang the case, and a user's {@code ChatModel} may have no timeout at all. The attempt runs on a call thread; on
 * timeout it is interrupted and abandoned, and the caller gets a {@link Kind#TIMEOUT}, which is retried.
 */
public final class TimeoutClient implements ModelClient {

    private final ModelClient delegate;
    private final Duration timeout;
    private final ExecutorService callThreads;
    private final String endpoint;

    /**
     * @param callThreads runs the attempts; unbounded (the concurrency limit sits before this client)
     * @param endpoint    how the message names the server
     */
    public TimeoutClient(ModelClient delegate, Duration timeout, ExecutorService callThreads, String endpoint) {
        this.delegate = delegate;
        this.timeout = timeout;
        this.callThreads = callThreads;
        this.endpoint = endpoint;
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        Future<ModelResponse> attempt = callThreads.submit(() -> delegate.call(request, context));
        try {
            return attempt.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            throw new ModelCallException(Kind.TIMEOUT, "no answer from " + endpoint + " within " + Durations.words(timeout)
                    + " (" + Keys.TIMEOUT + ")", 1);
        } catch (InterruptedException e) {
            attempt.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelCallException(Kind.CANCELLED, "the call to " + endpoint + " was interrupted (run cancelled)", 1);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelCallException mce) {
                throw mce;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
