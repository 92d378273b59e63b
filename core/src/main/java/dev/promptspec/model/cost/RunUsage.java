package dev.promptspec.model.cost;

import java.util.Set;

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
 * @param liveInputTokens      prompt tokens of live calls
 * @param liveOutputTokens     completion tokens of live calls
 * @param liveCost             estimated cost of live calls, US dollars (priced calls only)
 * @param replayedInputTokens  prompt tokens the replayed answers used when recorded
 * @param replayedOutputTokens completion tokens the replayed answers used when recorded
 * @param replayedCost         what the replayed calls would cost live
 * @param unpricedModels       models answered without a known price (their cost is not included)
 */
public record RunUsage(
        long liveCalls,
        long replayedCalls,
        long failedCalls,
        long budgetStopped,
        long attempts,
        long liveInputTokens,
        long liveOutputTokens,
        double liveCost,
        long replayedInputTokens,
        long replayedOutputTokens,
        double replayedCost,
        Set<String> unpricedModels) {

    public RunUsage {
        unpricedModels = Set.copyOf(unpricedModels);
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
