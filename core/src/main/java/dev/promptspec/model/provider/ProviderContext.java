package dev.promptspec.model.provider;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.model.Redactor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a {@link ModelProviderFactory} may use.
 *
 * @param settings the run's {@code promptspec.*} configuration parameters (keys in full, API keys left out)
 * @param timeout  the per-attempt timeout ({@code promptspec.timeout}), for the provider's own HTTP client
 * @param redactor removes known secrets from messages
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ProviderContext(Map<String, String> settings, Duration timeout, Redactor redactor) {

    public ProviderContext {
        settings = Map.copyOf(settings);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    @Override
    public String toString() {
        return "ProviderContext[" + settings.keySet() + ", timeout=" + timeout + "]";
    }
}
