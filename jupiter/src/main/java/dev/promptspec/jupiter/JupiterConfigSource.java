package dev.promptspec.jupiter;

import dev.promptspec.config.ConfigSource;
import dev.promptspec.config.Keys;
import dev.promptspec.jupiter.internal.JUnitPlatformProperties;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit's configuration parameters as a Jupiter extension sees them (launcher parameters, system properties,
 * {@code junit-platform.properties}) as PromptSpec's configuration: the same keys the engine reads, with the same
 * precedence. Jupiter cannot list them, so prefixed keys ({@code promptspec.price.<model>}) are found among the system
 * properties and in {@code junit-platform.properties}.
 */
final class JupiterConfigSource implements ConfigSource {

    private final ExtensionContext context;

    JupiterConfigSource(ExtensionContext context) {
        this.context = context;
    }

    @Override
    public Optional<String> get(String key) {
        return context.getConfigurationParameter(key);
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(Keys.PREFIX)) {
                keys.add(name);
            }
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        keys.addAll(JUnitPlatformProperties.promptSpecEntries(loader != null ? loader : getClass().getClassLoader()).keySet());
        return keys;
    }
}
