package dev.promptspec.model.cost;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import org.apiguardian.api.API;

/** Checks the run's {@link BudgetGuard} before each live attempt and charges it after each answer. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BudgetedClient implements ModelClient {

    private final ModelClient delegate;
    private final BudgetGuard guard;

    public BudgetedClient(ModelClient delegate, BudgetGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        guard.checkBeforeCall(request);
        ModelResponse response = delegate.call(request, context);
        guard.charge(request, response);
        return response;
    }
}
