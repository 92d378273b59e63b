package dev.promptspec.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.EvaluatorSpec;
import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.promptfile.PromptFileOutcome;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.sampling.SamplingPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A prompt file ready to run: loaded, validated, its evaluators built. When it cannot run, {@link #file()}
 * is empty and {@link #problems()} says why. Immutable; not a record because it also keeps what every case of the
 * file would otherwise recompute ({@link #evaluatorsUseExpected()}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CompiledPrompt implements PromptFileOutcome {

    private final PromptSource source;
    private final Optional<PromptFile> file;
    private final List<ConfiguredEvaluator> evaluators;
    private final List<Problem> problems;
    private final boolean evaluatorsUseExpected;
    private final Map<String, SamplingPlan> samplingPlans;

    /** An evaluator of the file with its declaration. */
    public record ConfiguredEvaluator(EvaluatorSpec spec, Evaluator evaluator) {

        /** The kind as results show it: for {@code uses:}, what it names ({@code github/coherence}, {@code java:x}). */
        public String kindLabel() {
            if ("uses".equals(spec.kind()) && spec.config() instanceof YamlMap m
                    && m.get("uses").orElse(null) instanceof YamlScalar s && !s.isNull()) {
                return s.text().strip();
            }
            return spec.kind();
        }
    }

    /**
     * @param source     the file as read
     * @param file       the file, when it can run
     * @param evaluators its evaluators, in file order (the implicit response-format check last)
     * @param problems   every problem found, errors and warnings
     */
    public CompiledPrompt(PromptSource source, Optional<PromptFile> file, List<ConfiguredEvaluator> evaluators,
            List<Problem> problems) {
        this(source, file, evaluators, problems, Map.of());
    }

    /**
     * @param samplingPlans how each case (by key) is sampled; a case not in it draws one sample
     */
    public CompiledPrompt(PromptSource source, Optional<PromptFile> file, List<ConfiguredEvaluator> evaluators,
            List<Problem> problems, Map<String, SamplingPlan> samplingPlans) {
        this.samplingPlans = Map.copyOf(samplingPlans);
        this.source = source;
        this.file = file;
        this.evaluators = List.copyOf(evaluators);
        this.problems = List.copyOf(problems);
        this.evaluatorsUseExpected = this.evaluators.stream().anyMatch(e -> e.evaluator().variablesUsed().contains("expected"));
    }

    @Override
    public PromptSource source() {
        return source;
    }

    @Override
    public Optional<PromptFile> file() {
        return file;
    }

    public List<ConfiguredEvaluator> evaluators() {
        return evaluators;
    }

    @Override
    public List<Problem> problems() {
        return problems;
    }

    public boolean isRunnable() {
        return file.isPresent();
    }

    /** True when some evaluator reads {@code {{expected}}}, so the implicit "expected" check is not added. */
    public boolean evaluatorsUseExpected() {
        return evaluatorsUseExpected;
    }

    /** How {@code testCase} is sampled: its entry's, its file's, its class's or the configuration's settings. */
    public SamplingPlan samplingPlan(TestCase testCase) {
        return samplingPlans.getOrDefault(testCase.key(), SamplingPlan.SINGLE);
    }

    @Override
    public String toString() {
        return "CompiledPrompt[" + source.name() + (isRunnable() ? ", " + evaluators.size() + " evaluators" : ", not runnable")
                + ", " + problems.size() + " problems]";
    }
}
