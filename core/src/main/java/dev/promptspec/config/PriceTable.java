package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import org.apiguardian.api.API;

/**
 * Model ids to {@link Price}s: the defaults in {@code prices.properties} (common OpenAI models, with their
 * source and date), plus the run's {@code promptspec.price.<model>} overrides.
 *
 * <p>An id is looked up without its publisher prefix ({@code openai/gpt-4o} is {@code gpt-4o}), then by the
 * longest priced id it extends with a {@code -suffix} ({@code gpt-4o-mini-2024-07-18} is priced as
 * {@code gpt-4o-mini}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PriceTable {

    /** How many model ids {@link #priceFor(String)} remembers the price of. */
    private static final int MAX_RESOLVED = 256;

    private final Map<String, Price> prices;
    /** Each id asked for, as written, and its price: computed once. */
    private final Map<String, Optional<Price>> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    public static PriceTable empty() {
        return new PriceTable(Map.of());
    }

    /** The built-in prices. */
    public static PriceTable defaults() {
        Properties p = new Properties();
        try (InputStream in = PriceTable.class.getResourceAsStream("prices.properties")) {
            if (in == null) {
                throw new IllegalStateException("prices.properties is missing from the PromptSpec jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Price> m = new LinkedHashMap<>();
        for (String model : p.stringPropertyNames()) {
            m.put(normalize(model), Price.parse(p.getProperty(model))
                    .orElseThrow(() -> new IllegalStateException("bad default price for " + model)));
        }
        return new PriceTable(m);
    }

    /** This table with {@code overrides} added or replacing entries. */
    public PriceTable with(Map<String, Price> overrides) {
        Map<String, Price> m = new LinkedHashMap<>(prices);
        overrides.forEach((k, v) -> m.put(normalize(k), v));
        return new PriceTable(m);
    }

    public Optional<Price> priceFor(String modelId) {
        if (modelId == null || modelId.isBlank()) {
            return Optional.empty();
        }
        Optional<Price> known = resolved.get(modelId);
        if (known != null) {
            return known;
        }
        Optional<Price> price = lookUp(normalize(modelId));
        if (resolved.size() < MAX_RESOLVED) {
            resolved.put(modelId, price); // a run asks for the same few ids once per call
        }
        return price;
    }

    private Optional<Price> lookUp(String id) {
        Price exact = prices.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String key : prices.keySet()) {
            boolean extendsKey = id.length() > key.length() && id.charAt(key.length()) == '-' && id.startsWith(key);
            if (extendsKey && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return Optional.ofNullable(best).map(prices::get);
    }

    /**
     * The price of a call: by the model id the server said answered, else the id that was asked for.
     */
    public Optional<Price> priceFor(ModelRequest request, ModelResponse response) {
        Optional<Price> byAnswer = response == null ? Optional.empty() : priceFor(response.modelId());
        return byAnswer.or(() -> priceFor(request.model()));
    }

    /** The estimated cost of a call, empty when its model has no price or its usage is unknown. */
    public OptionalDouble cost(ModelRequest request, ModelResponse response) {
        if (!response.usage().isKnown()) {
            return OptionalDouble.empty();
        }
        return priceFor(request, response).map(p -> OptionalDouble.of(p.cost(response.usage()))).orElse(OptionalDouble.empty());
    }

    public static String normalize(String modelId) {
        String id = modelId.trim().toLowerCase(Locale.ROOT);
        int slash = id.lastIndexOf('/');
        return slash >= 0 ? id.substring(slash + 1) : id;
    }
}
