package dev.promptspec.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.eval.CheckResult;
import dev.promptspec.sampling.PassRate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A sampled case's verdict and its samples.
 *
 * @param rate    the verdict: passes, samples drawn, interval, outcome
 * @param samples every sample drawn, in index order (sample 1 first); each is the result of one full call and every
 *                evaluator
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record SampleSet(PassRate rate, List<CaseResult> samples) {

    public SampleSet {
        samples = List.copyOf(samples);
    }

    /** Whether the judged samples disagree: some passed, some did not. */
    public boolean flaky() {
        List<CaseResult> judged = judged();
        return judged.stream().anyMatch(CaseResult::passed) && judged.stream().anyMatch(r -> !r.passed());
    }

    /** The evaluators whose verdict differs between judged samples, in file order. */
    public List<String> flipped() {
        Map<String, Boolean> first = new LinkedHashMap<>();
        List<String> flipped = new ArrayList<>();
        for (CaseResult sample : judged()) {
            for (CheckResult c : sample.checks()) {
                Boolean seen = first.putIfAbsent(c.name(), c.passed());
                if (seen != null && seen != c.passed() && !flipped.contains(c.name())) {
                    flipped.add(c.name());
                }
            }
        }
        List<String> ordered = new ArrayList<>(first.keySet());
        ordered.retainAll(flipped);
        return ordered;
    }

    /** The samples that were judged (no error). */
    private List<CaseResult> judged() {
        return samples.stream().filter(r -> r.error() == null).toList();
    }
}
