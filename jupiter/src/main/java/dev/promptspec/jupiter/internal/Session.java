package dev.promptspec.jupiter.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.config.ConfigSource;
import dev.promptspec.config.Keys;
import dev.promptspec.config.RunConfig;
import dev.promptspec.config.SettingsReader;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.Timing;
import dev.promptspec.promptfile.PromptResources;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptCompiler;
import dev.promptspec.run.RecordedCalls;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * PromptSpec as the tests of one JVM use it under one configuration: the recorded calls (one recording store, so that
 * concurrent tests never lose each other's entries) and the compiled prompt files. Shared by every test class, Jupiter
 * extension and Spring context that reads the same {@code promptspec.*} values; created on first use, closed when the
 * JVM ends.
 */
@API(status = INTERNAL, since = "0.1")
public final class Session {

    private static final Map<Map<String, String>, Session> SESSIONS = new ConcurrentHashMap<>();
    private static final Set<String> KEYS = keyConstants();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SESSIONS.values().forEach(s -> s.calls.close()),
                "promptspec-sessions-close"));
    }

    private final RunConfig config;
    private final RecordedCalls calls;
    private final PromptCompiler compiler;
    private final Map<String, CompiledPrompt> prompts = new ConcurrentHashMap<>();

    private Session(RunConfig config, ClassLoader loader) {
        this.config = config;
        this.calls = new RecordedCalls(config, Clock.systemUTC(), Timing.SYSTEM);
        this.compiler = new PromptCompiler(config.limits(), EvaluatorRegistry.load(loader)).withStrict(config.strict());
    }

    /**
     * The session of the configuration {@code source} gives (with the process's environment for keys and endpoints).
     *
     * @throws IllegalStateException listing every invalid setting, each with its key
     */
    public static Session of(ConfigSource source) {
        Map<String, String> values = new TreeMap<>();
        Set<String> keys = new TreeSet<>(KEYS);
        keys.addAll(source.keys());
        for (String key : keys) {
            if (key.startsWith(Keys.PREFIX)) {
                source.get(key).ifPresent(v -> values.put(key, v));
            }
        }
        Map<String, String> fixed = Map.copyOf(values);
        return SESSIONS.computeIfAbsent(fixed, v -> {
            SettingsReader.Settings settings = SettingsReader.read(ConfigSource.of(v), System::getenv);
            if (!settings.errors().isEmpty()) {
                List<String> lines = new ArrayList<>();
                settings.errors().forEach(e -> lines.add("PromptSpec configuration: " + e));
                throw new IllegalStateException(String.join("\n", lines));
            }
            return new Session(settings.config(), Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : Session.class.getClassLoader());
        });
    }

    public RunConfig config() {
        return config;
    }

    public RecordedCalls calls() {
        return calls;
    }

    /** The prompt file {@code resourceName} of the class path of {@code loader}, compiled once; empty when there is none. */
    public Optional<CompiledPrompt> compile(String resourceName, ClassLoader loader) {
        String name = PromptResources.normalize(resourceName);
        CompiledPrompt cached = prompts.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<CompiledPrompt> compiled = PromptResources.read(name, loader).map(compiler::compile);
        compiled.ifPresent(c -> prompts.putIfAbsent(name, c));
        return compiled.map(c -> prompts.get(name));
    }

    /** Every key {@link Keys} names (not the prefixes): read even when a source cannot list its keys. */
    private static Set<String> keyConstants() {
        Set<String> out = new TreeSet<>();
        for (Field f : Keys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    String key = (String) f.get(null);
                    if (key.startsWith(Keys.PREFIX) && !key.endsWith(".")) {
                        out.add(key);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
