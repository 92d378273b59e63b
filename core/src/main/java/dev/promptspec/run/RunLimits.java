package dev.promptspec.run;

import dev.promptspec.config.RunConfig;
import dev.promptspec.internal.model.limit.AdaptiveConcurrencyLimit;
import dev.promptspec.internal.model.limit.ConcurrencyLimitedClient;
import dev.promptspec.internal.model.limit.RateLimitedClient;
import dev.promptspec.internal.model.limit.RateLimiter;
import dev.promptspec.internal.model.limit.TimeoutClient;
import dev.promptspec.internal.model.limit.Watchdog;
import dev.promptspec.internal.model.retry.FailureStreak;
import dev.promptspec.internal.model.retry.RetryListener;
import dev.promptspec.internal.model.retry.RetryingClient;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.Timing;
import dev.promptspec.model.cost.BudgetGuard;
import dev.promptspec.model.cost.BudgetedClient;
import dev.promptspec.model.cost.UsageMeter;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The limits every live call of a run shares, whichever provider answers it: one adaptive concurrency limit, one
 * rate limit, one budget, one watchdog. {@link #decorate} wraps a provider in them:
 *
 * <pre>
 * retry (429s within max-total-wait, other faults up to promptspec.retries) → concurrency permit (AIMD) → rate limit
 *   → budget → timeout (run's watchdog interrupts the calling thread) → provider
 * </pre>
 *
 * Each retry is a new attempt through the inner layers, so it takes a permit, counts against the rate limit, is
 * checked against the budget and has its own timeout; backoff waits hold no permit. Every attempt runs on the calling
 * thread and holds its permit until it has really returned, so at most {@code promptspec.concurrency} attempts are in
 * flight whatever a provider does when interrupted.
 */
final class RunLimits implements AutoCloseable {

    private final RunConfig config;
    private final Timing timing;
    private final BooleanSupplier cancelled;
    private final AdaptiveConcurrencyLimit concurrency;
    private final RateLimiter rate;
    private final BudgetGuard budget;
    private final Watchdog watchdog;
    /** The run's attempts that failed in a row: a server that looks down is not retried. */
    private final FailureStreak streak;
    private final RetryListener retries;

    /** @param meter told of rate limits, waits and the concurrency limit's decreases, for the run summary */
    RunLimits(RunConfig config, Timing timing, BooleanSupplier cancelled, UsageMeter meter) {
        this.config = config;
        this.timing = timing;
        this.cancelled = cancelled;
        this.concurrency = new AdaptiveConcurrencyLimit(config.concurrency(), meter::concurrencyLowered);
        this.rate = config.calls().rateLimit().isLimited() ? new RateLimiter(config.calls().rateLimit(), timing) : null;
        this.budget = new BudgetGuard(config.calls().budget(), config.calls().prices());
        this.watchdog = new Watchdog("promptspec-watchdog");
        this.streak = FailureStreak.forConcurrency(config.concurrency());
        this.retries = new RetryListener() {
            @Override
            public void rateLimited() {
                meter.rateLimited();
            }

            @Override
            public void waited(Duration wait) {
                meter.waited(wait);
            }
        };
    }

    /** {@code provider} (one attempt per call) with the run's retries, limits, budget and timeout around it. */
    ModelClient decorate(ModelClient provider, String endpoint) {
        ModelClient c = new TimeoutClient(provider, config.timeout(), watchdog, endpoint);
        c = new BudgetedClient(c, budget);
        if (rate != null) {
            c = new RateLimitedClient(c, rate, cancelled);
        }
        c = new ConcurrencyLimitedClient(c, concurrency, cancelled);
        return new RetryingClient(c, config.calls().retry(), timing, cancelled, retries, streak);
    }

    BudgetGuard budget() {
        return budget;
    }

    @Override
    public void close() {
        watchdog.close();
    }
}
