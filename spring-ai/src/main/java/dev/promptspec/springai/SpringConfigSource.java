package dev.promptspec.springai;

import dev.promptspec.config.ConfigSource;
import dev.promptspec.config.Keys;
import dev.promptspec.jupiter.internal.JUnitPlatformProperties;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * PromptSpec's keys as a Spring test context sees them: its environment (system properties such as
 * {@code -Dpromptspec.mode=replay}, {@code @SpringBootTest(properties = ...)}, {@code application.properties}), then the
 * {@code junit-platform.properties} of the class path, where the engine and the Jupiter extension read them too.
 */
final class SpringConfigSource implements ConfigSource {

    private final Environment environment;
    private final Map<String, String> junitPlatform;

    SpringConfigSource(Environment environment, ClassLoader loader) {
        this.environment = environment;
        this.junitPlatform = JUnitPlatformProperties.promptSpecEntries(loader);
    }

    @Override
    public Optional<String> get(String key) {
        String value = environment.getProperty(key);
        return value != null ? Optional.of(value) : Optional.ofNullable(junitPlatform.get(key));
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>(junitPlatform.keySet());
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        if (name.startsWith(Keys.PREFIX)) {
                            keys.add(name);
                        }
                    }
                }
            }
        }
        return keys;
    }

    /** Whether {@value Keys#MODE} is set: PromptSpec records a context's models only when asked to. */
    boolean modeIsSet() {
        return get(Keys.MODE).filter(v -> !v.isBlank()).isPresent();
    }
}
