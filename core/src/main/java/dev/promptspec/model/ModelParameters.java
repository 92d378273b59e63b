package dev.promptspec.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The file's {@code modelParameters}. Every field is optional (null when the file does not set it), so
 * the provider's default applies and nothing unset is sent.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModelParameters(
        Double temperature,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double topP,
        List<String> stop,
        Integer seed,
        Double frequencyPenalty,
        Double presencePenalty) {

    /** No parameters set: the provider's defaults apply. */
    public static final ModelParameters NONE = new ModelParameters(null, null, null, null, null, null, null, null);

    public ModelParameters {
        stop = stop == null ? null : List.copyOf(stop);
    }

    /** The parameters that are set, in a fixed order and with the wire names (for recordings and hashing). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "temperature", temperature);
        put(m, "max_tokens", maxTokens);
        put(m, "max_completion_tokens", maxCompletionTokens);
        put(m, "top_p", topP);
        put(m, "stop", stop);
        put(m, "seed", seed);
        put(m, "frequency_penalty", frequencyPenalty);
        put(m, "presence_penalty", presencePenalty);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
