package dev.promptspec.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.config.Keys;
import dev.promptspec.config.YamlLimits;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.eval.NamedEvaluators;
import dev.promptspec.eval.json.JsonEvaluatorFactory;
import dev.promptspec.internal.util.Slf4jFallback;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import dev.promptspec.problem.ProblemCollector;
import dev.promptspec.promptfile.EvaluatorSpec;
import dev.promptspec.promptfile.LoadedPromptFile;
import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.promptfile.PromptFileLoader;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.sampling.SamplingPlan;
import dev.promptspec.sampling.SamplingSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Loads a prompt file and builds its evaluators, collecting every problem of both steps. Immutable: the {@code with...}
 * methods return another compiler.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PromptCompiler {

    /** The configuration key of {@link #withStrict(boolean)}, as strict mode's messages name it. */
    public static final String STRICT_KEY = Keys.STRICT;
    private static final String STRICT_REASON = STRICT_KEY + "=true makes warnings errors";

    private final YamlLimits limits;
    private final PromptFileLoader loader;
    private final EvaluatorRegistry registry;
    private final boolean strict;
    /** The sampling settings of the levels above a file, most specific first (a class's, then the configuration's). */
    private final List<SamplingSettings> samplingLevels;

    /** A compiler that lets files with warnings run (not strict). */
    public PromptCompiler(YamlLimits limits, EvaluatorRegistry registry) {
        this(limits, registry, false, List.of());
    }

    private PromptCompiler(YamlLimits limits, EvaluatorRegistry registry, boolean strict, List<SamplingSettings> samplingLevels) {
        // Compiling loads the JSON Schema validator (json evaluators, responseFormat), which logs through SLF4J.
        Slf4jFallback.selectNoOperationUnlessBound();
        this.limits = limits;
        this.loader = new PromptFileLoader(limits, registry.settingKeys());
        this.registry = registry;
        this.strict = strict;
        this.samplingLevels = List.copyOf(samplingLevels);
    }

    /**
     * A compiler whose files may also reference {@code evaluators} by name ({@code uses: java:<name>}): the
     * evaluators of one test class. The same file compiled for two classes may resolve a name differently.
     */
    public PromptCompiler withNamedEvaluators(NamedEvaluators evaluators) {
        return new PromptCompiler(limits, registry.withNamed(evaluators), strict, samplingLevels);
    }

    /**
     * A compiler that, when {@code strict}, makes every warning of a file an error ({@value #STRICT_KEY}): its message
     * unchanged, its fix ending with "promptspec.strict=true makes warnings errors". A file then runs only when nothing
     * in it is suspicious, which suits CI; the default lets files that gh-models runs run with their warnings.
     */
    public PromptCompiler withStrict(boolean strict) {
        return new PromptCompiler(limits, registry, strict, samplingLevels);
    }

    /**
     * A compiler whose cases are sampled by these settings where their entry and file set none: {@code levels} most
     * specific first (a {@code @PromptSpec} class's, then the configuration's). A case whose settings could never pass
     * makes its file fail to load, saying the minimum.
     */
    public PromptCompiler withSampling(List<SamplingSettings> levels) {
        return new PromptCompiler(limits, registry, strict, levels);
    }

    /** The sampling settings of the levels above a file, most specific first. */
    public List<SamplingSettings> samplingLevels() {
        return samplingLevels;
    }

    public EvaluatorRegistry registry() {
        return registry;
    }

    public CompiledPrompt compile(PromptSource source) {
        LoadedPromptFile loaded = loader.load(source);
        List<Problem> problems = new ArrayList<>(loaded.problems());
        if (loaded.file().isEmpty()) {
            return new CompiledPrompt(source, Optional.empty(), List.of(), strict(problems));
        }
        PromptFile file = loaded.file().get();
        ProblemCollector collector = new ProblemCollector();
        List<CompiledPrompt.ConfiguredEvaluator> evaluators = new ArrayList<>();
        for (EvaluatorSpec spec : file.evaluators()) {
            try {
                Evaluator e = registry.create(spec, source, collector);
                evaluators.add(new CompiledPrompt.ConfiguredEvaluator(spec, e));
            } catch (InvalidConfigException e) {
                collector.add(e.toProblem());
            } catch (RuntimeException e) {
                // An evaluator factory from a library crashed: report it at the evaluator, keep loading.
                collector.error(spec.position(), "evaluator '" + spec.name() + "' (" + spec.kind() + ") could not be created: " + e,
                        "This is a bug in the evaluator's factory");
            }
        }
        ResponseFormat format = file.responseFormat();
        if (format != null && format.isJson()) {
            try {
                EvaluatorSpec implicit = new EvaluatorSpec(JsonEvaluatorFactory.RESPONSE_FORMAT_CHECK, "json",
                        new YamlScalar(format.type(), YamlScalar.Type.STRING, format.position()), 1.0, format.position());
                evaluators.add(new CompiledPrompt.ConfiguredEvaluator(implicit, JsonEvaluatorFactory.forResponseFormat(format, source)));
            } catch (InvalidConfigException e) {
                collector.add(e.toProblem());
            }
        }
        if (!collector.hasErrors()) {
            VariableUsage.check(file, evaluators, collector);
        }
        Map<String, SamplingPlan> plans = samplingPlans(file, collector);
        problems.addAll(collector.problems());
        problems = strict(problems);
        boolean runnable = problems.stream().noneMatch(Problem::isError);
        return new CompiledPrompt(source, runnable ? Optional.of(file) : Optional.empty(), runnable ? evaluators : List.of(),
                sorted(problems), runnable ? plans : Map.of());
    }

    /**
     * Each sampled case's plan. A setting that cannot work is an error where the most specific of its levels writes it
     * (the entry, else the file's keys, else the file), once per place and message.
     */
    private Map<String, SamplingPlan> samplingPlans(PromptFile file, ProblemCollector collector) {
        Map<String, SamplingPlan> plans = new LinkedHashMap<>();
        Set<String> reported = new HashSet<>();
        for (TestCase tc : file.testData()) {
            List<SamplingSettings> levels = new ArrayList<>(List.of(tc.sampling(), file.sampling()));
            levels.addAll(samplingLevels);
            SamplingSettings.Resolution r = SamplingSettings.resolve(levels);
            if (r.plan().isPresent()) {
                if (r.plan().get().isSampled()) {
                    plans.put(tc.key(), r.plan().get());
                }
                continue;
            }
            Position at = !tc.sampling().isEmpty() ? tc.samplingPosition()
                    : !file.sampling().isEmpty() ? file.samplingPosition() : Position.of(file.source().name());
            if (reported.add(at + "\u0000" + r.problem())) {
                collector.error(at, r.problem(), r.fix());
            }
        }
        return plans;
    }

    private List<Problem> strict(List<Problem> problems) {
        return strict ? problems.stream().map(p -> p.asError(STRICT_REASON)).toList() : problems;
    }

    private static List<Problem> sorted(List<Problem> problems) {
        ProblemCollector c = new ProblemCollector();
        problems.forEach(c::add);
        return c.problems();
    }
}
