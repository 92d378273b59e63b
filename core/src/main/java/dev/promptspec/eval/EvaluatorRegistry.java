package dev.promptspec.eval;

import dev.promptspec.problem.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The evaluator kinds available to a run (built-ins plus those found through {@link ServiceLoader}), and
 * the Java evaluators files may reference by name ({@code uses: java:<name>}).
 */
public final class EvaluatorRegistry {

    private final Map<String, EvaluatorFactory> factories;
    private final NamedEvaluators named;

    private EvaluatorRegistry(Map<String, EvaluatorFactory> factories, NamedEvaluators named) {
        this.factories = Map.copyOf(factories);
        this.named = named;
    }

    /**
     * Every factory and named evaluator on the class path of {@code loader}; a later duplicate kind does not
     * replace an earlier one.
     */
    public static EvaluatorRegistry load(ClassLoader loader) {
        Map<String, EvaluatorFactory> found = new LinkedHashMap<>();
        for (EvaluatorFactory f : ServiceLoader.load(EvaluatorFactory.class, loader)) {
            found.putIfAbsent(f.kind(), f);
        }
        return new EvaluatorRegistry(found, NamedEvaluators.load(loader));
    }

    public static EvaluatorRegistry of(EvaluatorFactory... factories) {
        Map<String, EvaluatorFactory> m = new LinkedHashMap<>();
        for (EvaluatorFactory f : factories) {
            m.putIfAbsent(f.kind(), f);
        }
        return new EvaluatorRegistry(m, NamedEvaluators.NONE);
    }

    /** This registry plus {@code extra} (user factories win over nothing: built-in kinds keep their meaning). */
    public EvaluatorRegistry with(Iterable<EvaluatorFactory> extra) {
        Map<String, EvaluatorFactory> m = new LinkedHashMap<>(factories);
        extra.forEach(f -> m.putIfAbsent(f.kind(), f));
        return new EvaluatorRegistry(m, named);
    }

    /** This registry plus {@code more} named evaluators, which replace registered ones of the same name. */
    public EvaluatorRegistry withNamed(NamedEvaluators more) {
        return new EvaluatorRegistry(factories, named.plus(more));
    }

    public Set<String> kinds() {
        return factories.keySet();
    }

    /** The evaluators {@code uses: java:<name>} can reference. */
    public NamedEvaluators named() {
        return named;
    }

    public Evaluator create(EvaluatorDefinition definition) throws InvalidConfigException {
        EvaluatorFactory f = factories.get(definition.kind());
        if (f == null) {
            var module = OptionalKinds.moduleFor(definition.kind());
            if (module.isPresent()) {
                throw new InvalidConfigException(definition.position(),
                        OptionalKinds.missingModuleMessage(definition.kind(), module.get()), OptionalKinds.missingModuleFix(module.get()));
            }
            throw new InvalidConfigException(definition.position(), "unknown evaluator kind '" + definition.kind() + "'",
                    "Known kinds: " + String.join(", ", kinds().stream().sorted().toList()));
        }
        return f.create(definition);
    }
}
