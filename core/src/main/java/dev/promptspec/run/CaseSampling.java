package dev.promptspec.run;

import dev.promptspec.model.ModelCallException;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.sampling.PassRate;
import dev.promptspec.sampling.Sampler;
import dev.promptspec.sampling.SamplingPlan;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a sampled case on the run's pool: each sample is a task of its own (so samples share the pool, its concurrency
 * and the budget with every other case), drawn as {@link Sampler} decides, and the case's result is the verdict.
 */
final class CaseSampling {

    private CaseSampling() {
    }

    /** @param model the model the case runs on in a run of several models, or null */
    static CompletableFuture<CaseResult> submit(SamplingPlan plan, CompiledPrompt prompt, TestCase testCase, String model,
            Supplier<CaseRunner> runner, Executor pool, BooleanSupplier cancelled, Runnable started, SampleListener listener) {
        AtomicBoolean begun = new AtomicBoolean();
        AtomicLong startedAt = new AtomicLong();
        Sampler.Draw<CaseResult> draw = index -> CompletableFuture.supplyAsync(() -> {
            if (cancelled.getAsBoolean()) {
                return new CaseResult(prompt.source().name(), testCase, null, null, List.of(),
                        new ModelCallException(ModelCallException.Kind.CANCELLED, begun.get()
                                ? "the run was cancelled before sample " + index + " started"
                                : "the run was cancelled before this case started", 0), Duration.ZERO);
            }
            if (begun.compareAndSet(false, true)) {
                startedAt.set(System.nanoTime());
                started.run();
            }
            listener.started(index);
            CaseResult result = runner.get().run(prompt, testCase, model, index);
            listener.finished(index, result);
            return result;
        }, pool);
        return Sampler.run(plan, draw, CaseResult::passed, r -> r.error() != null).thenApply(sampled -> {
            List<CaseResult> samples = sampled.samples();
            CaseResult stop = samples.stream().filter(r -> r.error() != null).findFirst().orElse(null);
            if (!begun.get() && stop != null) {
                return stop; // cancelled before any sample started: the case never ran
            }
            boolean passed = sampled.rate().passed();
            CaseResult representative = stop != null ? stop
                    : samples.stream().filter(r -> r.passed() == passed).findFirst().orElse(samples.get(samples.size() - 1));
            return new CaseResult(prompt.source().name(), testCase, representative.request(), representative.response(),
                    representative.checks(), stop == null ? null : stopped(stop.error(), samples.indexOf(stop) + 1, sampled.rate()),
                    Duration.ofNanos(System.nanoTime() - startedAt.get()),
                    representative.threshold(), new SampleSet(sampled.rate(), samples));
        });
    }

    /** Why sampling stopped, saying at which sample and how far it had got. */
    private static Throwable stopped(Throwable error, int sample, PassRate rate) {
        String where = "sample " + sample + " of " + rate.plan().samples() + " (" + rate.passes() + " of " + rate.drawn()
                + " judged samples passed before it)";
        return error instanceof ModelCallException e ? e.prefixed(where) : error;
    }
}
