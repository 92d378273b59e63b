package dev.promptspec.model;

/**
 * Something that answers chat requests: a provider, or a wrapper adding recording, retries, rate
 * limits or budgets around one. Implementations are thread-safe; cases call them concurrently.
 */
@FunctionalInterface
public interface ModelClient {

    ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException;
}
