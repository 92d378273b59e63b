package dev.promptspec.junit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.ConfigurationParameters;

/** Configuration parameters from a map, as a launcher gives them, for tests of the settings readers. */
record MapParameters(Map<String, String> values) implements ConfigurationParameters {

    MapParameters {
        values = new HashMap<>(values);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public Optional<Boolean> getBoolean(String key) {
        return get(key).map(Boolean::parseBoolean);
    }

    @Override
    public Set<String> keySet() {
        return values.keySet();
    }
}
