package dev.promptspec.model.cost;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.time.Duration;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a run's model calls used, for the summary and reports. "Live" calls were made now (whether or not
 * they were recorded); "replayed" answers came from recordings, cost nothing, and are priced as if live so
 * the summary says what a live run would cost.
 *
 * @param liveCalls            calls answered by the model now
 * @param replayedCalls        answers read from recordings
 * @param failedCalls          calls that ended without an answer (after their retries)
 * @param budgetStopped        calls not made because the budget was spent
 * @param attempts             HTTP attempts of live and failed calls
 * @param rateLimited          attempts refused with a rate limit (HTTP 429, not an exhausted quota)
 * @param retryWait            time calls spent waiting before their retries, all calls together
 * @param concurrency          the most calls in flight at once ({@code promptspec.concurrency}); 0 when not known
 * @param lowestConcurrency    the lowest the run's limit on calls in flight fell to, after rate limits ({@code
 *                             concurrency} when it never fell)
 * @param liveInputTokens      prompt tokens of live calls
 * @param liveOutputTokens     completion tokens of live calls
 * @param liveCost             estimated cost of live calls, US dollars (priced calls only)
 * @param replayedInputTokens  prompt tokens the replayed answers used when recorded
 * @param replayedOutputTokens completion tokens the replayed answers used when recorded
 * @param replayedCost         what the replayed calls would cost live
 * @param unpricedModels       models answered without a known price (their cost is not included)
 */
@API(status = MAINTAINED, since = "0.1")
public record RunUsage(
        long liveCalls,
        long replayedCalls,
        long failedCalls,
        long budgetStopped,
        long attempts,
        long rateLimited,
        Duration retryWait,
        int concurrency,
        int lowestConcurrency,
        long liveInputTokens,
        long liveOutputTokens,
        double liveCost,
        long replayedInputTokens,
        long replayedOutputTokens,
        double replayedCost,
        Set<String> unpricedModels) {

    public RunUsage {
        retryWait = retryWait == null ? Duration.ZERO : retryWait;
        unpricedModels = Set.copyOf(unpricedModels);
    }

    /** Whether rate limits lowered the run's concurrency at some point. */
    public boolean concurrencyLowered() {
        return lowestConcurrency < concurrency;
    }

    /** Attempts beyond the first of each call. */
    public long retries() {
        long calls = liveCalls + failedCalls;
        return Math.max(0, attempts - calls);
    }

    public long calls() {
        return liveCalls + replayedCalls + failedCalls;
    }
}
