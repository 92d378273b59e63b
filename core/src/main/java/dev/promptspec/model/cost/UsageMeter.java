package dev.promptspec.model.cost;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.config.PriceTable;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Counts every call of a run, live or replayed, answered or failed, for the {@link RunUsage} summary.
 * Wraps the whole client chain, recordings included; one meter is shared by all of a run's chains. The retries and
 * the concurrency limit inside the chain report what they do through {@link #rateLimited()}, {@link #waited} and
 * {@link #concurrencyLowered}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class UsageMeter {

    private final PriceTable prices;
    private final int concurrency;
    private int lowestConcurrency;
    private long rateLimited;
    private Duration retryWait = Duration.ZERO;
    private long liveCalls;
    private long replayedCalls;
    private long failedCalls;
    private long budgetStopped;
    private long attempts;
    private long liveIn;
    private long liveOut;
    private double liveCost;
    private long replayedIn;
    private long replayedOut;
    private double replayedCost;
    private final Set<String> unpriced = new TreeSet<>();

    /** A meter that does not know the run's concurrency. */
    public UsageMeter(PriceTable prices) {
        this(prices, 0);
    }

    /** @param concurrency the run's {@code promptspec.concurrency} */
    public UsageMeter(PriceTable prices, int concurrency) {
        this.prices = prices;
        this.concurrency = concurrency;
        this.lowestConcurrency = concurrency;
    }

    /** An attempt was refused with a rate limit (HTTP 429). */
    public synchronized void rateLimited() {
        rateLimited++;
    }

    /** A call waited {@code wait} before a retry. */
    public synchronized void waited(Duration wait) {
        retryWait = retryWait.plus(wait);
    }

    /** The run's limit on calls in flight fell to {@code limit}. */
    public synchronized void concurrencyLowered(int limit) {
        lowestConcurrency = Math.min(lowestConcurrency, limit);
    }

    public PriceTable prices() {
        return prices;
    }

    /** {@code client}, with every call it answers or fails counted here. */
    public ModelClient meter(ModelClient client) {
        return new ModelClient() {
            @Override
            public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
                ModelResponse response;
                try {
                    response = client.call(request, context);
                } catch (ModelCallException e) {
                    failed(e);
                    throw e;
                }
                answered(request, response);
                return response;
            }

            @Override
            public String toString() {
                return "metered " + client;
            }
        };
    }

    private synchronized void failed(ModelCallException e) {
        if (e.kind() == ModelCallException.Kind.BUDGET_EXCEEDED) {
            budgetStopped++;
        } else if (e.attempts() > 0) {
            failedCalls++;
            attempts += e.attempts();
        }
    }

    private void answered(ModelRequest request, ModelResponse response) {
        OptionalDouble cost = prices.cost(request, response);
        long in = response.usage().inputTokens() == null ? 0 : response.usage().inputTokens();
        long out = response.usage().outputTokens() == null ? 0 : response.usage().outputTokens();
        synchronized (this) {
            if (cost.isEmpty() && response.usage().isKnown()) {
                unpriced.add(response.modelId() != null ? response.modelId() : request.model());
            }
            if (response.origin() == ModelResponse.Origin.REPLAYED) {
                replayedCalls++;
                replayedIn += in;
                replayedOut += out;
                replayedCost += cost.orElse(0);
            } else {
                liveCalls++;
                attempts += Math.max(1, response.attempts());
                liveIn += in;
                liveOut += out;
                liveCost += cost.orElse(0);
            }
        }
    }

    public synchronized RunUsage snapshot() {
        return new RunUsage(liveCalls, replayedCalls, failedCalls, budgetStopped, attempts, rateLimited, retryWait, concurrency,
                lowestConcurrency, liveIn, liveOut, liveCost, replayedIn, replayedOut, replayedCost, unpriced);
    }
}
