package dev.promptspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
/**
 * Something that answers chat requests: a provider, or a wrapper adding recording, retries, rate
 * limits or budgets around one. Implementations are thread-safe; cases call them concurrently.
 */
@FunctionalInterface
@API(status = INTERNAL, since = "0.1")
public interface ModelClient {

    ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException;
}
