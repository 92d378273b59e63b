package dev.promptspec.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What a run's batch step did, for the report's {@code batch} section.
 *
 * @param jobs            every job the run waited on (resumed ones included)
 * @param submittedCalls  calls sent in batches
 * @param estimatedCost   what the answered calls cost at batch prices, in US dollars
 * @param savedVersusLive what the same calls would have cost live, less {@code estimatedCost}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BatchSummary(List<Job> jobs, int submittedCalls, double estimatedCost, double savedVersusLive) {

    public BatchSummary {
        jobs = List.copyOf(jobs);
    }

    /**
     * One job.
     *
     * @param status   the provider's last word on it: {@code completed}, {@code expired}, {@code cancelled}, {@code failed}
     * @param requests calls it carried
     * @param failed   calls it carried that got no answer
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Job(String id, String status, int requests, int failed) {
    }
}
