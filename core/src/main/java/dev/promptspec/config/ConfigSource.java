package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Where configuration values come from: the JUnit engine adapts its configuration parameters to it, another driver
 * a map or its own settings. Values are raw text; {@link SettingsReader} parses them.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ConfigSource {

    /** The value of {@code key}, if set. */
    Optional<String> get(String key);

    /** Every key that has a value (for prefixed keys such as {@value Keys#PRICE_PREFIX}{@code <model>}). */
    Set<String> keys();

    /** A source reading {@code values}. */
    static ConfigSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key));
            }

            @Override
            public Set<String> keys() {
                return copy.keySet();
            }
        };
    }
}
