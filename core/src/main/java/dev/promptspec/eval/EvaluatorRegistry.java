package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.internal.util.OptionalModules;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.ProblemCollector;
import dev.promptspec.promptfile.EvaluatorSpec;
import dev.promptspec.promptfile.PromptSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The evaluator kinds available to a run (built-ins plus those found through {@link ServiceLoader}), and
 * the Java evaluators files may reference by name ({@code uses: java:<name>}).
 */
@API(status = INTERNAL, since = "0.1")
public final class EvaluatorRegistry {

    private final Map<String, EvaluatorFactory> factories;
    private final NamedEvaluators named;
    private final List<String> factoryErrors;
    /** Computed once: reading every factory's schema is work, and a run compiles files per test class. */
    private volatile Map<String, Set<String>> settingKeys;

    private EvaluatorRegistry(Map<String, EvaluatorFactory> factories, NamedEvaluators named, List<String> factoryErrors) {
        this.factories = Map.copyOf(factories);
        this.named = named;
        this.factoryErrors = List.copyOf(factoryErrors);
    }

    /**
     * Every factory and named evaluator on the class path of {@code loader}; a later duplicate kind does not
     * replace an earlier one. A provider that cannot be loaded is skipped and reported in {@link #loadErrors()}.
     */
    public static EvaluatorRegistry load(ClassLoader loader) {
        Map<String, EvaluatorFactory> found = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        Iterator<EvaluatorFactory> it = ServiceLoader.load(EvaluatorFactory.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                EvaluatorFactory f = it.next();
                EvaluatorFactory first = found.putIfAbsent(f.kind(), f);
                if (first != null && first.getClass() != f.getClass()) {
                    errors.add("two evaluator factories define the kind '" + f.kind() + "': " + first.getClass().getName() + " and "
                            + f.getClass().getName() + "; the first is used");
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                errors.add("an EvaluatorFactory listed in META-INF/services/" + EvaluatorFactory.class.getName() + " failed to load: " + e);
            }
        }
        return new EvaluatorRegistry(found, NamedEvaluators.load(loader), errors);
    }

    /** Exactly these factories (the first of two with one kind wins), no named evaluators: for tests and embedding. */
    public static EvaluatorRegistry of(EvaluatorFactory... factories) {
        Map<String, EvaluatorFactory> m = new LinkedHashMap<>();
        for (EvaluatorFactory f : factories) {
            m.putIfAbsent(f.kind(), f);
        }
        return new EvaluatorRegistry(m, NamedEvaluators.NONE, List.of());
    }

    /** This registry plus {@code extra} (user factories win over nothing: built-in kinds keep their meaning). */
    public EvaluatorRegistry with(Iterable<EvaluatorFactory> extra) {
        Map<String, EvaluatorFactory> m = new LinkedHashMap<>(factories);
        extra.forEach(f -> m.putIfAbsent(f.kind(), f));
        return new EvaluatorRegistry(m, named, factoryErrors);
    }

    /** This registry plus {@code more} named evaluators, which replace registered ones of the same name. */
    public EvaluatorRegistry withNamed(NamedEvaluators more) {
        return new EvaluatorRegistry(factories, named.plus(more), factoryErrors);
    }

    /** Providers (factories, named evaluators) that could not be loaded, for the run to report. */
    public List<String> loadErrors() {
        List<String> all = new ArrayList<>(factoryErrors);
        all.addAll(named.loadErrors());
        return all;
    }

    /** Every registered kind, the YAML keys of evaluators. */
    public Set<String> kinds() {
        return factories.keySet();
    }

    /** The evaluators {@code uses: java:<name>} can reference. */
    public NamedEvaluators named() {
        return named;
    }

    /** The factory of {@code kind}, if registered. */
    public Optional<EvaluatorFactory> factory(String kind) {
        return Optional.ofNullable(factories.get(kind));
    }

    /**
     * Every kind with the setting names its {@linkplain EvaluatorFactory#settingsSchema() schema} declares (empty for
     * kinds without a schema, or with one that cannot be read).
     */
    public Map<String, Set<String>> settingKeys() {
        Map<String, Set<String>> keys = settingKeys;
        if (keys == null) {
            Map<String, Set<String>> out = new LinkedHashMap<>();
            factories.forEach((kind, f) -> out.put(kind, Set.copyOf(SettingsSchemas.propertyNames(f))));
            keys = java.util.Collections.unmodifiableMap(out);
            settingKeys = keys;
        }
        return keys;
    }

    /**
     * The evaluator {@code spec} declares in the file {@code source}, built by its kind's factory; an unknown kind or a
     * setting the factory rejects is an error at its line. Warnings about its settings go to {@code problems}.
     */
    public Evaluator create(EvaluatorSpec spec, PromptSource source, ProblemCollector problems) throws InvalidConfigException {
        return create(new EvaluatorDefinition(spec.name(), spec.kind(), spec.config(), spec.position(), source, this, problems));
    }

    /** The evaluator {@code definition} declares, built by its kind's factory; an unknown kind is an error at its line. */
    Evaluator create(EvaluatorDefinition definition) throws InvalidConfigException {
        EvaluatorFactory f = factories.get(definition.kind());
        if (f == null) {
            var module = OptionalKinds.moduleFor(definition.kind());
            if (module.isPresent()) {
                throw definition.reject(
                        OptionalModules.missingKindMessage(definition.kind(), module.get()), OptionalModules.dependencyFix(module.get()));
            }
            throw definition.reject("unknown evaluator kind '" + definition.kind() + "'",
                    "Known kinds: " + String.join(", ", kinds().stream().sorted().toList()));
        }
        return f.create(definition);
    }
}
