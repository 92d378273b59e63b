package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
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
        return of(key -> Optional.ofNullable(copy.get(key)), copy::keySet);
    }

    /** A source that looks keys up with {@code lookup} and lists them with {@code keys} (a driver's own settings). */
    static ConfigSource of(Function<String, Optional<String>> lookup, Supplier<Set<String>> keys) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return lookup.apply(key);
            }

            @Override
            public Set<String> keys() {
                return keys.get();
            }
        };
    }
}
