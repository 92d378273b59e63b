package dev.promptspec.model.cost;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.config.Budget;
import dev.promptspec.config.Keys;
import dev.promptspec.config.PriceTable;
import dev.promptspec.internal.model.limit.TokenEstimator;
import dev.promptspec.internal.util.Money;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The run's live spending against its {@link Budget}, shared by every call of the run. A call starts only
 * while the spending is below the budget; calls already in flight when it is reached still finish, so a
 * run may end above its budget by at most what {@code promptspec.concurrency - 1} calls cost.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BudgetGuard {

    private final Budget budget;
    private final PriceTable prices;
    private long tokens;
    private double cost;

    public BudgetGuard(Budget budget, PriceTable prices) {
        this.budget = budget;
        this.prices = prices;
    }

    public Budget budget() {
        return budget;
    }

    /** Refuses a call once the budget is spent, or when a cost budget cannot price the model. */
    public void checkBeforeCall(ModelRequest request) throws ModelCallException {
        synchronized (this) {
            if (budget.limitsTokens() && tokens >= budget.maxTokens()) {
                throw spent(String.format(Locale.ROOT, "%,d tokens used, " + Keys.BUDGET_MAX_TOKENS + "=%,d", tokens, budget.maxTokens()));
            }
            if (budget.limitsCost() && cost >= budget.maxCost()) {
                throw spent("an estimated " + Money.format(cost) + " spent, " + Keys.BUDGET_MAX_COST + "=" + Money.format(budget.maxCost()));
            }
        }
        if (budget.limitsCost() && prices.priceFor(request.model()).isEmpty()) {
            String id = PriceTable.normalize(request.model());
            throw new ModelCallException(Kind.CONFIGURATION, Keys.BUDGET_MAX_COST + " is set, but model '" + request.model()
                    + "' has no price, so its cost cannot be counted: add " + Keys.PRICE_PREFIX + id
                    + "=<input>,<output> (US dollars per million tokens; 0,0 for a free local model)", 0);
        }
    }

    /** Adds a finished live call. Usage the provider did not report is estimated from the texts. */
    public void charge(ModelRequest request, ModelResponse response) {
        long used = response.usage().isKnown()
                ? response.usage().total()
                : TokenEstimator.estimate(request) + response.text().length() / 4L;
        double c = prices.cost(request, response).orElse(0);
        synchronized (this) {
            tokens += used;
            cost += c;
        }
    }

    /**
     * Refuses a batch whose worst case ({@code tokens}, {@code cost}: every request using all the output it may) would take
     * the spending beyond the budget: a batch cannot be stopped halfway, so it is counted in full before it is submitted.
     *
     * @param what the batch, for the message
     */
    public synchronized void checkBeforeBatch(long tokens, double cost, String what) throws ModelCallException {
        if (budget.limitsTokens() && this.tokens + tokens > budget.maxTokens()) {
            throw spent(String.format(Locale.ROOT, "%s may use up to %,d tokens, %,d used so far, " + Keys.BUDGET_MAX_TOKENS + "=%,d",
                    what, tokens, this.tokens, budget.maxTokens()));
        }
        if (budget.limitsCost() && this.cost + cost > budget.maxCost()) {
            throw spent(what + " may cost up to " + Money.format(cost) + ", " + Money.format(this.cost) + " spent so far, "
                    + Keys.BUDGET_MAX_COST + "=" + Money.format(budget.maxCost()));
        }
    }

    /** Adds what a batch's answered calls used, at batch prices. */
    public synchronized void chargeBatch(long tokens, double cost) {
        this.tokens += tokens;
        this.cost += cost;
    }

    public synchronized long tokensSpent() {
        return tokens;
    }

    public synchronized double costSpent() {
        return cost;
    }

    private static ModelCallException spent(String how) {
        return new ModelCallException(Kind.BUDGET_EXCEEDED, "the run's budget is spent (" + how
                + "): no further model calls are made, so this case was skipped. Raise the budget or run from recordings", 0);
    }
}
