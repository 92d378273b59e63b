package dev.promptspec.run;

import dev.promptspec.config.BatchSettings;
import dev.promptspec.config.Keys;
import dev.promptspec.config.PriceTable;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.internal.model.limit.TokenEstimator;
import dev.promptspec.internal.model.openai.batch.BatchJobs;
import dev.promptspec.internal.model.recording.Recording;
import dev.promptspec.internal.model.recording.RecordingStore;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.model.cost.BudgetGuard;
import dev.promptspec.sampling.SamplingPlan;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The batch step of a run, before its cases: renders every case (and sample) exactly as it will run, collects the
 * calls that have no answer yet, sends them through {@link BatchJobs}, and keeps the answers (in the recordings, and in
 * {@link BatchAnswers} for the cases). Judge calls need the answers they grade, so collecting runs again, round after
 * round, until nothing new is pending: the second round sends the judges; a failed call the settings send again
 * ({@code on-failure=batch}) goes in the round after it failed.
 */
final class BatchPhase {

    /** The output a request that sets no {@code max_tokens} is counted with when the budget weighs a batch's worst case. */
    static final int ASSUMED_MAX_OUTPUT = 4096;
    /** Prompts, judges, one follow-up of each: a fifth round would mean calls that keep appearing. */
    private static final int MAX_ROUNDS = 4;
    /** Batch attempts of one call when failures go to a follow-up batch. */
    private static final int BATCH_ATTEMPTS = 2;

    private final RunConfig config;
    private final RecordingStore store;
    private final BatchAnswers answers;
    private final BudgetGuard budget;
    private final Clock clock;
    private final Map<String, Integer> attempts = new HashMap<>();
    /** Calls that failed in a batch and are left to the cases to make live. */
    private final Set<String> live = new HashSet<>();
    private int submitted;
    private double batchCost;
    private double liveCost;

    BatchPhase(RunConfig config, RecordingStore store, BatchAnswers answers, BudgetGuard budget, Clock clock) {
        this.config = config;
        this.store = store;
        this.answers = answers;
        this.budget = budget;
        this.clock = clock;
    }

    /** A call found while collecting. */
    private record Pending(String promptFile, String caseKey, String purpose, int sample, ModelRequest request) {
    }

    /**
     * @param jobs the Batch API's client, made when there is a first call to send (a run whose calls are all recorded
     *             needs no key)
     */
    BatchSummary run(List<PlannedCase> cases, Supplier<BatchJobs> jobs) {
        BatchJobs made = null;
        try {
            for (int round = 1; round <= MAX_ROUNDS; round++) {
                Map<String, Pending> pending = collect(cases);
                if (pending.isEmpty()) {
                    break;
                }
                made = made != null ? made : jobs.get();
                send(pending, made, round);
            }
            if (made == null) {
                return new BatchSummary(List.of(), 0, 0, 0);
            }
            keptOnDisk();
            made.finished();
            List<BatchSummary.Job> reported = made.jobs().stream()
                    .map(j -> new BatchSummary.Job(j.id(), j.status(), j.requests(), j.failed())).toList();
            return new BatchSummary(reported, submitted, batchCost, liveCost - batchCost);
        } finally {
            if (made != null) {
                made.close();
            }
        }
    }

    /**
     * Writes the recordings now: the saved job ids are forgotten next, and answers still waiting in memory for a coalesced
     * write would be lost with them if the build stopped.
     */
    private void keptOnDisk() {
        if (!config.mode().writes()) {
            return;
        }
        try {
            store.flush();
        } catch (ModelCallException e) {
            throw new IllegalStateException("the batch's answers cannot be written to the recordings (" + e.getMessage()
                    + "); the jobs stay saved, so the next run reads their answers again instead of paying twice", e);
        }
    }

    /** Runs every case on clients that answer what is known and note the rest as pending. */
    private Map<String, Pending> collect(List<PlannedCase> cases) {
        Map<String, Pending> pending = new LinkedHashMap<>();
        ModelClient collector = (request, context) -> known(request, context, pending);
        // A judge with an endpoint of its own is not the prompts' Batch API: its calls are made live when the cases run.
        ModelClient judges = config.judgeEndpoint().isPresent() ? (request, context) -> {
            throw notCollected();
        } : collector;
        CaseRunner runner = new CaseRunner(collector, judges, config, Optional.empty());
        for (PlannedCase c : cases) {
            SamplingPlan plan = c.prompt().samplingPlan(c.testCase());
            int samples = plan.isSampled() ? plan.samples() : 1;
            for (int sample = 1; sample <= samples; sample++) {
                runner.run(c.prompt(), c.testCase(), sample);
            }
        }
        return pending;
    }

    private ModelResponse known(ModelRequest request, CallContext context, Map<String, Pending> pending) throws ModelCallException {
        String id = BatchAnswers.id(request, context);
        ModelResponse answer = answers.lookUp(id);
        if (answer != null) {
            return answer;
        }
        if (config.mode() == RecordingMode.AUTO) {
            Optional<Recording> hit = store.find(context.promptFile(), request.fingerprint(), context.sample());
            if (hit.isPresent()) {
                return hit.get().response().withOrigin(ModelResponse.Origin.REPLAYED, 0);
            }
        }
        if (!live.contains(id)) {
            pending.putIfAbsent(id, new Pending(context.promptFile(), context.caseKey(), context.purpose(), context.sample(), request));
        }
        throw notCollected();
    }

    /** Ends a case's collecting run at a call with no answer yet; never seen by a case that is reported. */
    private static ModelCallException notCollected() {
        return new ModelCallException(ModelCallException.Kind.CANCELLED, "pending in a batch", 0);
    }

    private void send(Map<String, Pending> pending, BatchJobs jobs, int round) {
        Map<String, Pending> ready = writable(pending);
        if (ready.isEmpty()) {
            return;
        }
        try {
            worstCase(ready.values(), "batch round " + round + " (" + ready.size() + (ready.size() == 1 ? " call)" : " calls)"));
        } catch (ModelCallException overBudget) {
            ready.keySet().forEach(id -> answers.fail(id, overBudget));
            return;
        }
        List<BatchJobs.Request> requests = new ArrayList<>();
        ready.forEach((id, p) -> requests.add(new BatchJobs.Request(id, p.request())));
        submitted += requests.size();
        Map<String, BatchJobs.Result> results = jobs.run(requests);
        for (Map.Entry<String, Pending> e : ready.entrySet()) {
            BatchJobs.Result r = results.get(e.getKey());
            if (r != null && r.answered()) {
                keep(e.getKey(), e.getValue(), r.response());
            } else {
                failed(e.getKey(), r == null ? "the batch returned nothing for it" : r.failure(), r == null ? null : r.jobId());
            }
        }
    }

    /** The pending calls whose recordings can be written; the others fail now, before anything is paid for. */
    private Map<String, Pending> writable(Map<String, Pending> pending) {
        Map<String, Pending> ready = new LinkedHashMap<>();
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            try {
                if (config.mode().writes()) {
                    store.checkWritable(e.getValue().promptFile());
                }
                ready.put(e.getKey(), e.getValue());
            } catch (ModelCallException notWritable) {
                answers.fail(e.getKey(), notWritable);
            }
        }
        return ready;
    }

    /** Checks the budget for every call using all the output it may, at batch prices. */
    private void worstCase(Iterable<Pending> calls, String what) throws ModelCallException {
        long tokens = 0;
        double cost = 0;
        PriceTable prices = config.calls().prices();
        for (Pending p : calls) {
            ModelParameters params = p.request().parameters();
            Integer max = params.maxCompletionTokens() != null ? params.maxCompletionTokens() : params.maxTokens();
            int out = max != null && max > 0 ? max : ASSUMED_MAX_OUTPUT;
            int in = TokenEstimator.estimate(p.request()) - (max != null && max > 0 ? max : 0);
            tokens += in + out;
            int input = in;
            cost += prices.priceFor(p.request().model())
                    .map(price -> price.cost(new TokenUsage(input, out)) * config.batch().priceFactor()).orElse(0.0);
        }
        budget.checkBeforeBatch(tokens, cost, what);
    }

    private void keep(String id, Pending p, ModelResponse response) {
        if (config.mode().writes()) {
            try {
                store.save(p.promptFile(), new Recording(p.caseKey(), p.purpose(), clock.instant().truncatedTo(ChronoUnit.SECONDS),
                        p.request(), response, null, p.request().fingerprint(), p.sample()));
            } catch (ModelCallException e) {
                answers.fail(id, e);
                return;
            }
        }
        answers.answer(id, response);
        double live = config.calls().prices().cost(p.request(), response).orElse(0);
        double batch = live * config.batch().priceFactor();
        liveCost += live;
        batchCost += batch;
        budget.chargeBatch(response.usage().isKnown() ? response.usage().total() : 0, batch);
    }

    private void failed(String id, String reason, String jobId) {
        int tries = attempts.merge(id, 1, Integer::sum);
        BatchSettings.OnFailure policy = config.batch().onFailure();
        String where = jobId == null ? "the batch" : "batch job " + jobId;
        if (policy == BatchSettings.OnFailure.LIVE) {
            live.add(id); // not collected again: the case calls it live
        } else if (policy == BatchSettings.OnFailure.ERROR || tries >= BATCH_ATTEMPTS) {
            answers.fail(id, new ModelCallException(ModelCallException.Kind.REJECTED, where + " reported this call as failed"
                    + (tries > 1 ? " (" + tries + " batches tried it)" : "") + ": " + reason + ". With " + Keys.BATCH_ON_FAILURE
                    + "=live it is retried live instead", 0));
        }
        // on-failure=batch, first failure: the next round collects it again, into a follow-up batch
    }
}
