package dev.promptspec.internal.model.limit;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.config.Keys;
import dev.promptspec.internal.util.Durations;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Bounds one attempt by {@code promptspec.timeout}, whatever the provider does: an HTTP client's own timeout may stop
 * counting once the response headers arrive, so a server that sends headers and then stalls could hang the case, and
 * a user's {@code ChatModel} may have no timeout at all.
 *
 * <p>The attempt runs on the calling thread, which keeps its concurrency permit until the attempt really returns; the
 * run's {@link Watchdog} interrupts the thread at the deadline. An attempt that returns after that (an error caused by
 * the interrupt, or a late answer from a model that ignored it) is a {@link Kind#TIMEOUT}, which is retried; one that
 * returned before the deadline fired keeps its result. A model that ignores interrupts holds its case, and its permit,
 * until it returns: the run never has more than {@code promptspec.concurrency} attempts in flight.
 */
@API(status = INTERNAL, since = "0.1")
public final class TimeoutClient implements ModelClient {

    private final ModelClient delegate;
    private final Duration timeout;
    private final Watchdog watchdog;
    private final String endpoint;

    /**
     * @param watchdog the run's, shared by every client
     * @param endpoint how the message names the server
     */
    public TimeoutClient(ModelClient delegate, Duration timeout, Watchdog watchdog, String endpoint) {
        this.delegate = delegate;
        this.timeout = timeout;
        this.watchdog = watchdog;
        this.endpoint = endpoint;
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        Watchdog.Attempt attempt = watchdog.start(timeout);
        ModelResponse response;
        try {
            response = delegate.call(request, context);
        } catch (ModelCallException | RuntimeException | Error e) {
            if (attempt.finish(watchdog.now())) {
                throw timedOut();
            }
            throw e;
        }
        if (attempt.finish(watchdog.now())) {
            throw timedOut();
        }
        return response;
    }

    /** Without a cause: what the interrupt made the provider throw says nothing more, and could quote a key. */
    private ModelCallException timedOut() {
        return new ModelCallException(Kind.TIMEOUT, "no answer from " + endpoint + " within " + Durations.words(timeout)
                + " (" + Keys.TIMEOUT + ")", 1);
    }
}
