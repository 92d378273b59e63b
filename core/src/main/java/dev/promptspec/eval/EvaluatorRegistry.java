package dev.promptspec.eval;

import dev.promptspec.problem.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** The evaluator kinds available to a run: built-ins plus those found through {@link ServiceLoader}. */
public final class EvaluatorRegistry {

    private final Map<String, EvaluatorFactory> factories;

    private EvaluatorRegistry(Map<String, EvaluatorFactory> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** Every factory on the class path of {@code loader}; a later duplicate kind does not replace an earlier one. */
    public static EvaluatorRegistry load(ClassLoader loader) {
        Map<String, EvaluatorFactory> found = new LinkedHashMap<>();
        for (EvaluatorFactory f : ServiceLoader.load(EvaluatorFactory.class, loader)) {
            found.putIfAbsent(f.kind(), f);
        }
        return new EvaluatorRegistry(found);
    }

    public static EvaluatorRegistry of(EvaluatorFactory... factories) {
        Map<String, EvaluatorFactory> m = new LinkedHashMap<>();
        for (EvaluatorFactory f : factories) {
            m.putIfAbsent(f.kind(), f);
        }
        return new EvaluatorRegistry(m);
    }

    /** This registry plus {@code extra} (user factories win over nothing: built-in kinds keep their meaning). */
    public EvaluatorRegistry with(Iterable<EvaluatorFactory> extra) {
        Map<String, EvaluatorFactory> m = new LinkedHashMap<>(factories);
        extra.forEach(f -> m.putIfAbsent(f.kind(), f));
        return new EvaluatorRegistry(m);
    }

    public Set<String> kinds() {
        return factories.keySet();
    }

    public Evaluator create(EvaluatorDefinition definition) throws InvalidConfigException {
        EvaluatorFactory f = factories.get(definition.kind());
        if (f == null) {
            throw new InvalidConfigException(definition.position(), "unknown evaluator kind '" + definition.kind() + "'",
                    "Known kinds: " + String.join(", ", kinds().stream().sorted().toList()));
        }
        return f.create(definition);
    }
}
