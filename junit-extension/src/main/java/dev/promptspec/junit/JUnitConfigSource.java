package dev.promptspec.junit;

import dev.promptspec.config.ConfigSource;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * JUnit's configuration parameters (explicit launcher parameters, then system properties, then
 * {@code junit-platform.properties}) as PromptSpec's configuration source: the engine's only contact with configuration.
 */
final class JUnitConfigSource implements ConfigSource {

    private final ConfigurationParameters parameters;

    JUnitConfigSource(ConfigurationParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public Optional<String> get(String key) {
        return parameters.get(key);
    }

    @Override
    public Set<String> keys() {
        return parameters.keySet();
    }
}
