package dev.promptspec.bench.sampling;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.sampling.Inconclusive;
import dev.promptspec.sampling.PassRate;
import dev.promptspec.sampling.Sampler;
import dev.promptspec.sampling.SamplingPlan;
import dev.promptspec.sampling.SamplingPolicy;
import dev.promptspec.sampling.SequentialBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.apiguardian.api.API;

/**
 * Fixed repeats against sequential sampling, measured on a simulated model whose pass probability per case is known.
 *
 * <p>For each setting (passRate, confidence, and the most samples the sequential policy may draw) and each true pass
 * probability p, {@code --cases} cases (default 200) are judged twice: by fixed repeat 10 (the {@code observed} policy,
 * 10 samples, pass when at least passRate of them pass) and by the {@code sequential} policy. Both run PromptSpec's own
 * sampling loop ({@link Sampler}, the one the engine runs) on the same simulated samples: sample i of case c passes when
 * the i-th draw of a generator seeded with (seed, p, c) is below p, so both policies see the same answers
 * (common random numbers) and every run prints the same table. A verdict is wrong when it contradicts p against
 * passRate: a pass when p &lt; passRate, a fail when p ≥ passRate. Inconclusive verdicts are counted apart. Beside the
 * measured shares, the exact probabilities (computed over the binomial, no simulation) say what the measured ones
 * estimate.
 *
 * <p>Usage: {@code SamplingBenchmark [--cases N] [--seed S]}; prints Markdown tables (see docs/sampling.md).
 */
@API(status = INTERNAL, since = "0.2")
public final class SamplingBenchmark {

    static final double[] TRUE_RATES = {0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0};
    static final int FIXED_REPEAT = 10;

    /** One comparison: the pass rate and confidence both policies judge by, and the sequential policy's most samples. */
    record Setting(double passRate, double confidence, int samples) {
    }

    static final List<Setting> SETTINGS = List.of(
            new Setting(0.8, 0.95, 20), new Setting(0.8, 0.95, 40), new Setting(0.8, 0.9, 20),
            new Setting(0.7, 0.9, 10), new Setting(0.5, 0.95, 10), new Setting(0.5, 0.9, 10), new Setting(0.5, 0.8, 10));

    /** What one policy did over a set of cases. */
    static final class Tally {
        long cases;
        long calls;
        long wrong;
        long inconclusive;

        void add(Tally t) {
            cases += t.cases;
            calls += t.calls;
            wrong += t.wrong;
            inconclusive += t.inconclusive;
        }

        double callsPerCase() {
            return (double) calls / cases;
        }

        double wrongShare() {
            return (double) wrong / cases;
        }

        double inconclusiveShare() {
            return (double) inconclusive / cases;
        }
    }

    private SamplingBenchmark() {
    }

    public static void main(String[] args) {
        int cases = 200;
        long seed = 20261129L;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cases" -> cases = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: SamplingBenchmark [--cases N] [--seed S]");
                    System.exit(2);
                }
            }
        }
        System.out.printf(Locale.ROOT, "Simulated model, %d cases per true pass rate, seed %d; sequential rule: %s%n%n", cases, seed,
                "Wilson bounds calibrated exactly against optional stopping");
        List<String[]> overview = new ArrayList<>();
        for (Setting s : SETTINGS) {
            overview.add(compare(s, cases, seed));
        }
        System.out.println("## Overview (all true rates together)\n");
        System.out.println("| passRate | confidence | sequential samples (min to pass) | fixed 10: calls/case | wrong |"
                + " sequential: calls/case | wrong | inconclusive | calls vs fixed 10 |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        overview.forEach(row -> System.out.println("| " + String.join(" | ", row) + " |"));
    }

    /** Prints the per-rate table of one setting and returns its overview row. */
    static String[] compare(Setting s, int cases, long seed) {
        SamplingPlan fixed = new SamplingPlan(FIXED_REPEAT, s.passRate(), s.confidence(), SamplingPolicy.OBSERVED, Inconclusive.FAIL);
        SamplingPlan sequential = new SamplingPlan(s.samples(), s.passRate(), s.confidence(), SamplingPolicy.SEQUENTIAL,
                Inconclusive.FAIL);
        SequentialBounds bounds = sequential.bounds();
        System.out.printf(Locale.ROOT, "### passRate %s, confidence %s: fixed repeat %d vs sequential up to %d samples%n%n",
                num(s.passRate()), num(s.confidence()), FIXED_REPEAT, s.samples());
        System.out.printf(Locale.ROOT, "Per-look z: pass %.3f, fail %.3f (the interval's own: %.3f); a pass needs at least %d"
                + " samples.%n%n", bounds.zPass(), bounds.zFail(), dev.promptspec.sampling.WilsonInterval.zFor(s.confidence()),
                sequential.minimumSamples());
        System.out.println("| true p | fixed 10: wrong | sequential: calls/case | wrong | inconclusive | exact: calls | wrong |"
                + " inconclusive |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        Tally fixedAll = new Tally();
        Tally seqAll = new Tally();
        double[] exactAll = new double[3];
        for (double p : TRUE_RATES) {
            Tally f = new Tally();
            Tally q = new Tally();
            for (int c = 0; c < cases; c++) {
                boolean[] outcomes = outcomes(seed, p, c, Math.max(FIXED_REPEAT, s.samples()));
                judge(fixed, outcomes, p, f);
                judge(sequential, outcomes, p, q);
            }
            double[] exact = exact(sequential, p);
            System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %s | %s | %.2f | %s | %s |%n", num(p), pct(f.wrongShare()),
                    q.callsPerCase(), pct(q.wrongShare()), pct(q.inconclusiveShare()), exact[0], pct(exact[1]), pct(exact[2]));
            fixedAll.add(f);
            seqAll.add(q);
            for (int i = 0; i < 3; i++) {
                exactAll[i] += exact[i] / TRUE_RATES.length;
            }
        }
        System.out.printf(Locale.ROOT, "| all | %s | %.2f | %s | %s | %.2f | %s | %s |%n%n", pct(fixedAll.wrongShare()),
                seqAll.callsPerCase(), pct(seqAll.wrongShare()), pct(seqAll.inconclusiveShare()), exactAll[0], pct(exactAll[1]),
                pct(exactAll[2]));
        return new String[] {num(s.passRate()), num(s.confidence()), s.samples() + " (" + sequential.minimumSamples() + ")",
            String.format(Locale.ROOT, "%.2f", fixedAll.callsPerCase()), pct(fixedAll.wrongShare()),
            String.format(Locale.ROOT, "%.2f", seqAll.callsPerCase()), pct(seqAll.wrongShare()), pct(seqAll.inconclusiveShare()),
            String.format(Locale.ROOT, "%.0f%%", 100 * seqAll.callsPerCase() / fixedAll.callsPerCase())};
    }

    /** The simulated samples of case {@code c} at true rate {@code p}: the same for every policy and every run. */
    static boolean[] outcomes(long seed, double p, int c, int n) {
        SplittableRandom random = new SplittableRandom(seed * 31 + Double.hashCode(p) * 1_000_003L + c);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble() < p;
        }
        return out;
    }

    /** Runs PromptSpec's sampling loop on the simulated samples and counts the calls and the verdict. */
    static void judge(SamplingPlan plan, boolean[] outcomes, double p, Tally into) {
        PassRate rate = Sampler.run(plan, i -> CompletableFuture.completedFuture(outcomes[i - 1]), b -> b, b -> false).join().rate();
        into.cases++;
        into.calls += rate.drawn();
        boolean shouldPass = p >= plan.passRate();
        switch (rate.outcome()) {
            case PASSED -> into.wrong += shouldPass ? 0 : 1;
            case FAILED -> into.wrong += shouldPass ? 1 : 0;
            default -> into.inconclusive++;
        }
    }

    /** The exact expected calls, share of wrong verdicts and share of inconclusive ones, over the binomial. */
    static double[] exact(SamplingPlan plan, double p) {
        SequentialBounds bounds = plan.bounds();
        double[] alive = new double[plan.samples() + 2];
        alive[0] = 1;
        double pass = 0;
        double fail = 0;
        double inconclusive = 0;
        double calls = 0;
        for (int n = 1; n <= plan.samples(); n++) {
            double[] next = new double[plan.samples() + 2];
            for (int k = 0; k < n; k++) {
                calls += alive[k];
                next[k + 1] += alive[k] * p;
                next[k] += alive[k] * (1 - p);
            }
            for (int k = 0; k <= n; k++) {
                switch (bounds.decide(k, n)) {
                    case PASS -> pass += next[k];
                    case FAIL -> fail += next[k];
                    case INCONCLUSIVE -> inconclusive += next[k];
                    default -> {
                        continue;
                    }
                }
                next[k] = 0;
            }
            alive = next;
        }
        return new double[] {calls, p >= plan.passRate() ? fail : pass, inconclusive};
    }

    private static String num(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
