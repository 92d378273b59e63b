package dev.promptspec.sampling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Draws a case's samples and decides. Under {@code observed} every sample is requested at once; under {@code
 * sequential}, in batches of exactly the samples after which a verdict first becomes possible
 * ({@link SequentialBounds#nextDecisionIn}), so samples run concurrently yet the verdict and the number drawn are those
 * of drawing one at a time. Samples are judged in their index order, whatever order they finish in: the same answers
 * per index (a replay) give the same verdict. Nothing blocks: each batch starts when the previous one ends.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Sampler {

    private Sampler() {
    }

    /** Draws sample {@code index} (1-based): one full call and every evaluator. */
    @FunctionalInterface
    public interface Draw<T> {
        CompletableFuture<T> draw(int index);
    }

    /**
     * The verdict and every sample drawn, in index order.
     *
     * @param rate    the verdict ({@link PassRate.Outcome#UNDECIDED} when a sample stopped the sampling)
     * @param samples every sample drawn, including one that stopped the sampling and any drawn beside it
     */
    public record Sampled<T>(PassRate rate, List<T> samples) {
        public Sampled {
            samples = List.copyOf(samples);
        }
    }

    /**
     * Samples until the plan decides.
     *
     * @param passed whether a sample passed
     * @param stops  whether a sample could not be judged (an error, a spent budget): sampling stops, undecided
     */
    public static <T> CompletableFuture<Sampled<T>> run(SamplingPlan plan, Draw<T> draw, Predicate<T> passed, Predicate<T> stops) {
        return new Run<>(plan, draw, passed, stops).next();
    }

    private static final class Run<T> {
        private final SamplingPlan plan;
        private final Draw<T> draw;
        private final Predicate<T> passed;
        private final Predicate<T> stops;
        private final List<T> samples = new ArrayList<>();
        private int passes;
        private int judged;

        Run(SamplingPlan plan, Draw<T> draw, Predicate<T> passed, Predicate<T> stops) {
            this.plan = plan;
            this.draw = draw;
            this.passed = passed;
            this.stops = stops;
        }

        CompletableFuture<Sampled<T>> next() {
            int batch = plan.policy() == SamplingPolicy.OBSERVED ? plan.samples() - judged
                    : plan.bounds().nextDecisionIn(passes, judged);
            if (batch <= 0) {
                return CompletableFuture.completedFuture(done(false));
            }
            List<CompletableFuture<T>> drawing = new ArrayList<>(batch);
            for (int i = 1; i <= batch; i++) {
                drawing.add(draw.draw(samples.size() + i));
            }
            return CompletableFuture.allOf(drawing.toArray(CompletableFuture[]::new)).thenCompose(v -> {
                boolean stopped = false;
                for (CompletableFuture<T> f : drawing) {
                    T sample = f.join();
                    samples.add(sample);
                    if (stopped || stops.test(sample)) {
                        stopped = true;
                        continue;
                    }
                    judged++;
                    if (passed.test(sample)) {
                        passes++;
                    }
                }
                if (stopped) {
                    return CompletableFuture.completedFuture(done(true));
                }
                if (judged >= plan.samples() || plan.policy() == SamplingPolicy.SEQUENTIAL
                        && plan.bounds().decide(passes, judged) != SequentialBounds.Decision.CONTINUE) {
                    return CompletableFuture.completedFuture(done(false));
                }
                return next();
            });
        }

        private Sampled<T> done(boolean stopped) {
            return new Sampled<>(PassRate.of(plan, passes, judged, stopped), samples);
        }
    }
}
