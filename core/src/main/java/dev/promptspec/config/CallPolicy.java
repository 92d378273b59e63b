package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a run's live model calls behave under load and failure, and what they may cost.
 *
 * @param retry     retries with backoff ({@code promptspec.retries}, {@code promptspec.retry.*})
 * @param rateLimit requests and tokens per minute over the whole run ({@code promptspec.rate-limit.*})
 * @param budget    when to stop calling ({@code promptspec.budget.*})
 * @param prices    model prices for cost estimates ({@code promptspec.price.*} over the defaults)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CallPolicy(RetryPolicy retry, RateLimit rateLimit, Budget budget, PriceTable prices) {

    public static CallPolicy defaults() {
        return new CallPolicy(RetryPolicy.DEFAULT, RateLimit.NONE, Budget.NONE, PriceTable.defaults());
    }
}
