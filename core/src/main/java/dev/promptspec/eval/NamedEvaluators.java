package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The Java evaluators a prompt file may reference as {@code uses: java:<name>}: those registered through
 * {@link ServiceLoader} as {@link NamedEvaluator}s, plus those a driver adds for one test class (the JUnit
 * engine adds the {@code @PromptEvaluator} methods of the {@code @PromptSpec} class).
 *
 * <p>Besides the usable evaluators it remembers names that look meant but cannot be used (a method that is
 * not static, a provider that failed to load), so that a reference to one says why instead of "not found".
 */
@API(status = INTERNAL, since = "0.1")
public final class NamedEvaluators {

    /** A usable evaluator and where it comes from ("static method com.acme.OrderPromptTest.orderIdPresent"). */
    @API(status = INTERNAL, since = "0.1")
    public record Entry(String name, Evaluator evaluator, String origin) {
    }

    /** Names usable after {@code java:}. */
    public static final Pattern VALID_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.\\-]*");

    /** No evaluators at all. */
    public static final NamedEvaluators NONE = new NamedEvaluators(Map.of(), Map.of(), List.of(), List.of());

    private final Map<String, Entry> entries;
    private final Map<String, String> unusable;
    private final List<String> loadErrors;
    private final List<String> hints;

    private NamedEvaluators(Map<String, Entry> entries, Map<String, String> unusable, List<String> loadErrors, List<String> hints) {
        this.entries = Map.copyOf(entries);
        this.unusable = Map.copyOf(unusable);
        this.loadErrors = List.copyOf(loadErrors);
        this.hints = List.copyOf(hints);
    }

    /** Every {@link NamedEvaluator} registered on the class path of {@code loader}; broken providers are remembered. */
    public static NamedEvaluators load(ClassLoader loader) {
        Builder b = builder();
        var it = ServiceLoader.load(NamedEvaluator.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                NamedEvaluator e = it.next();
                b.add(e.name(), e, "NamedEvaluator " + e.getClass().getName());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                // A provider that cannot be instantiated must not take the run down; references to it say why.
                b.loadError("a NamedEvaluator listed in META-INF/services/" + NamedEvaluator.class.getName() + " failed to load: " + e);
            }
        }
        return b.build();
    }

    /** An empty collection to add evaluators to. */
    public static Builder builder() {
        return new Builder();
    }

    /** These evaluators, with {@code more}'s replacing any of the same name (a test class's own win). */
    public NamedEvaluators plus(NamedEvaluators more) {
        Map<String, Entry> e = new LinkedHashMap<>(entries);
        e.putAll(more.entries);
        Map<String, String> u = new LinkedHashMap<>(unusable);
        u.putAll(more.unusable);
        e.keySet().forEach(u::remove);
        List<String> errors = new ArrayList<>(loadErrors);
        errors.addAll(more.loadErrors);
        List<String> h = new ArrayList<>(hints);
        h.addAll(more.hints);
        return new NamedEvaluators(e, u, errors, h);
    }

    /** The usable evaluator named {@code name}, if there is one. */
    public Optional<Entry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The names of the usable evaluators. */
    public Set<String> names() {
        return entries.keySet();
    }

    /** Why a name that looks meant cannot be used ("method orderIdPresent is not static"), if known. */
    public Optional<String> whyUnusable(String name) {
        return Optional.ofNullable(unusable.get(name));
    }

    /** Providers that failed to load, for the run to report. */
    public List<String> loadErrors() {
        return loadErrors;
    }

    /** What a reference to a missing name should also say about where names come from here. */
    public List<String> hints() {
        return hints;
    }

    /** Collects entries; the first of two with one name is kept and the second reported. */
    @API(status = INTERNAL, since = "0.1")
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private final Map<String, String> unusable = new LinkedHashMap<>();
        private final List<String> loadErrors = new ArrayList<>();
        private final List<String> hints = new ArrayList<>();

        private Builder() {
        }

        /** Adds a usable evaluator; an invalid name or a second one of a name becomes a load error instead. */
        public Builder add(String name, Evaluator evaluator, String origin) {
            if (name == null || !VALID_NAME.matcher(name).matches()) {
                loadErrors.add(origin + " has the name '" + name + "', which YAML cannot reference after java: "
                        + "(use letters, digits, _, - and .)");
                return this;
            }
            Entry previous = entries.putIfAbsent(name, new Entry(name, evaluator, origin));
            if (previous != null) {
                loadErrors.add("two evaluators are named '" + name + "': " + previous.origin() + " and " + origin
                        + "; java:" + name + " uses the first");
            }
            unusable.remove(name);
            return this;
        }

        /** A name that looks meant as an evaluator but cannot be one, and why. */
        public Builder unusable(String name, String why) {
            if (!entries.containsKey(name)) {
                unusable.putIfAbsent(name, why);
            }
            return this;
        }

        /** A provider that failed to load, for the run to report. */
        public Builder loadError(String message) {
            loadErrors.add(message);
            return this;
        }

        /** Something a reference to a missing name should also say ("this file runs without its test class"). */
        public Builder hint(String message) {
            hints.add(message);
            return this;
        }

        /** The evaluators collected so far. */
        public NamedEvaluators build() {
            return new NamedEvaluators(entries, unusable, loadErrors, hints);
        }
    }
}
