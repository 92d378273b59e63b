package dev.promptspec.baseline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.eval.CheckResult;
import dev.promptspec.internal.util.Sha256;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.SampleSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * This run's cases against a baseline, as they end (on any thread, in any order). {@link #compare} labels each case;
 * {@link #summary} lists what changed once every case has ended.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Comparison {

    private static final Comparator<ComparisonSummary.Noise> NOISE_ORDER = Comparator.comparing(ComparisonSummary.Noise::ref, CaseRef.ORDER);
    private static final Comparator<ComparisonSummary.ScoreChange> SCORE_ORDER = Comparator
            .comparing(ComparisonSummary.ScoreChange::ref, CaseRef.ORDER).thenComparing(ComparisonSummary.ScoreChange::evaluator);

    private final BaselineReport baseline;
    private final Set<String> suite;
    private final boolean listsRemoved;
    private final double confidence;
    private final Set<CaseRef> matched = new HashSet<>();
    private final List<CaseRef> newlyFailing = new ArrayList<>();
    private final List<CaseRef> newlyPassing = new ArrayList<>();
    private final List<CaseRef> stillFailing = new ArrayList<>();
    private final List<CaseRef> added = new ArrayList<>();
    private final List<ComparisonSummary.Noise> noise = new ArrayList<>();
    private final List<ComparisonSummary.ScoreChange> scoreChanges = new ArrayList<>();
    private final List<CaseRef> changedResponses = new ArrayList<>();

    /**
     * @param suite        every case of the suite, all shards together, as {@link CaseRef#fileAndCase()}: a baseline case
     *                     not among them is removed
     * @param listsRemoved whether this run lists removed cases (a sharded suite's first shard does, the others do not,
     *                     so merged reports list each once)
     * @param confidence   of the suite-level test (McNemar's)
     */
    public Comparison(BaselineReport baseline, Set<String> suite, boolean listsRemoved, double confidence) {
        this.baseline = baseline;
        this.suite = Set.copyOf(suite);
        this.listsRemoved = listsRemoved;
        this.confidence = confidence;
    }

    /** How the case changed since the baseline; call it once per case, with its result (not a run's decision to abort it). */
    public CaseChange compare(CaseResult result, String displayName) {
        CaseRef ref = new CaseRef(result.promptFile(), result.testCase().key(), result.request() == null ? null
                : result.request().model(), displayName);
        boolean passedNow = result.error() == null && result.passed();
        Optional<BaselineReport.Case> found = baseline.find(ref);
        if (found.isEmpty()) {
            return record(CaseChange.ADDED, ref, null);
        }
        BaselineReport.Case before = found.get();
        synchronized (this) {
            matched.add(before.ref());
            changes(ref, before, result);
        }
        if (before.passed() == passedNow) {
            return record(passedNow ? CaseChange.STILL_PASSING : CaseChange.STILL_FAILING, ref, null);
        }
        if (passedNow) {
            return record(CaseChange.NEWLY_PASSING, ref, null);
        }
        SampleSet sampling = result.sampling();
        // Only a verdict on samples can be noise; an error (no sample drawn, a call that failed) is not chance.
        if (result.error() == null && sampling != null && sampling.rate().drawn() > 0 && before.drawn() != null
                && before.drawn() > 0) {
            int passes = sampling.rate().passes();
            int drawn = sampling.rate().drawn();
            double p = ExactTests.fisherDropPValue(passes, drawn, before.samplesPassed(), before.drawn());
            if (p >= 1 - sampling.rate().plan().confidence()) {
                return record(CaseChange.NOISE, ref, new ComparisonSummary.Noise(ref, (double) before.samplesPassed() / before.drawn(),
                        (double) passes / drawn, p));
            }
        }
        return record(CaseChange.NEWLY_FAILING, ref, null);
    }

    private synchronized CaseChange record(CaseChange change, CaseRef ref, ComparisonSummary.Noise dropNotSignificant) {
        switch (change) {
            case NEWLY_FAILING -> newlyFailing.add(ref);
            case NEWLY_PASSING -> newlyPassing.add(ref);
            case STILL_FAILING -> stillFailing.add(ref);
            case ADDED -> added.add(ref);
            case NOISE -> noise.add(dropNotSignificant);
            case STILL_PASSING -> {
                // counted by McNemar's test only, from the lists above
            }
        }
        return change;
    }

    /** The case's evaluator scores and response against the baseline's. */
    private void changes(CaseRef ref, BaselineReport.Case before, CaseResult now) {
        for (CheckResult check : now.checks()) {
            Double old = before.scores().get(check.name());
            double score = check.verdict().score();
            if (old != null && Math.abs(old - score) > 1e-9) {
                scoreChanges.add(new ComparisonSummary.ScoreChange(ref, check.name(), old, score));
            }
        }
        if (now.response() != null && before.response() != null && !before.response().equals(Sha256.hex(now.response().text()))) {
            changedResponses.add(ref);
        }
    }

    /** What changed, every list sorted; call once every case has ended. */
    public synchronized ComparisonSummary summary() {
        List<CaseRef> removed = new ArrayList<>();
        if (listsRemoved) {
            for (BaselineReport.Case c : baseline.cases()) {
                if (!matched.contains(c.ref()) && !suite.contains(c.ref().fileAndCase())) {
                    removed.add(c.ref());
                }
            }
        }
        // Every pair whose verdict flipped, significant or not: McNemar weighs them all together.
        ComparisonSummary.McNemar mcnemar = ComparisonSummary.McNemar.of(newlyFailing.size() + noise.size(), newlyPassing.size(),
                confidence);
        return new ComparisonSummary(baseline.path().toString(), baseline.finishedAt().orElse(null), sorted(newlyFailing),
                sorted(newlyPassing), sorted(stillFailing), sorted(added), sorted(removed),
                noise.stream().sorted(NOISE_ORDER).toList(), scoreChanges.stream().sorted(SCORE_ORDER).toList(),
                sorted(changedResponses), mcnemar);
    }

    private static List<CaseRef> sorted(List<CaseRef> refs) {
        return refs.stream().sorted(CaseRef.ORDER).toList();
    }
}
