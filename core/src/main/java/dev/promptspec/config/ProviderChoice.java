package dev.promptspec.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Which provider a run uses ({@code promptspec.provider}) and the settings it may read.
 *
 * @param id       {@value #OPENAI} (the default: any OpenAI-compatible endpoint) or a {@link ModelProviderFactory#id()}
 * @param settings the run's {@code promptspec.*} configuration parameters, API keys left out
 */
@API(status = INTERNAL, since = "0.1")
public record ProviderChoice(String id, Map<String, String> settings) {

    public static final String OPENAI = "openai";
    public static final ProviderChoice DEFAULT = new ProviderChoice(OPENAI, Map.of());

    public ProviderChoice {
        settings = Map.copyOf(settings);
    }

    public boolean isOpenAi() {
        return OPENAI.equals(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
