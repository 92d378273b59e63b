package dev.promptspec.junit;

import dev.promptspec.config.Budget;
import dev.promptspec.config.CallPolicy;
import dev.promptspec.config.Price;
import dev.promptspec.config.PriceTable;
import dev.promptspec.config.ProviderChoice;
import dev.promptspec.config.RateLimit;
import dev.promptspec.config.RetryPolicy;
import dev.promptspec.internal.util.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Reads the model-layer keys ({@link Constants#RETRIES}, rate limits, budget, prices, provider) into a
 * {@link CallPolicy} and a {@link ProviderChoice}. Mistakes are added to {@code errors}, naming the key.
 */
final class CallSettings {

    private final ConfigurationParameters params;
    private final List<String> errors;

    CallSettings(ConfigurationParameters params, List<String> errors) {
        this.params = params;
        this.errors = errors;
    }

    CallPolicy policy() {
        RetryPolicy d = RetryPolicy.DEFAULT;
        RetryPolicy retry = new RetryPolicy(
                (int) whole(Constants.RETRIES, d.maxRetries(), 0, 20),
                duration(Constants.RETRY_INITIAL_DELAY, d.initialDelay()),
                duration(Constants.RETRY_MAX_WAIT, d.maxWait()));
        RateLimit rate = new RateLimit(
                whole(Constants.RATE_LIMIT_REQUESTS_PER_MINUTE, 0, 1, Long.MAX_VALUE),
                whole(Constants.RATE_LIMIT_TOKENS_PER_MINUTE, 0, 1, Long.MAX_VALUE));
        Budget budget = new Budget(whole(Constants.BUDGET_MAX_TOKENS, 0, 1, Long.MAX_VALUE), money(Constants.BUDGET_MAX_COST));
        return new CallPolicy(retry, rate, budget, PriceTable.defaults().with(prices()));
    }

    ProviderChoice provider() {
        String id = get(Constants.PROVIDER).orElse(ProviderChoice.OPENAI);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : new TreeSet<>(params.keySet())) {
            if (key.startsWith("promptspec.") && !isSecret(key)) {
                get(key).ifPresent(v -> settings.put(key, v));
            }
        }
        return new ProviderChoice(id, settings);
    }

    /** Keys whose values are credentials never reach a provider's settings (it may print them). */
    static boolean isSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.endsWith("api-key") || k.endsWith("-token") || k.endsWith(".token") || k.contains("secret")
                || k.contains("password");
    }

    private Map<String, Price> prices() {
        Map<String, Price> prices = new LinkedHashMap<>();
        for (String key : new TreeSet<>(params.keySet())) {
            if (!key.startsWith(Constants.PRICE_PREFIX) || key.length() == Constants.PRICE_PREFIX.length()) {
                continue;
            }
            String model = key.substring(Constants.PRICE_PREFIX.length());
            get(key).ifPresent(v -> Price.parse(v).ifPresentOrElse(p -> prices.put(model, p), () -> errors.add(key + "=" + v
                    + " is not a price; write <input>,<output> in US dollars per million tokens, e.g. 2.50,10.00")));
        }
        return prices;
    }

    private Optional<String> get(String key) {
        return params.get(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    private long whole(String key, long defaultValue, long min, long max) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v.get().replace("_", "").replace(",", ""));
            if (n < min || n > max) {
                errors.add(key + "=" + v.get() + " is out of range; use a whole number from " + min
                        + (max == Long.MAX_VALUE ? " up" : " to " + max));
                return defaultValue;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(key + "=" + v.get() + " is not a whole number");
            return defaultValue;
        }
    }

    private Duration duration(String key, Duration defaultValue) {
        return get(key).map(v -> Durations.parse(v).orElseGet(() -> {
            errors.add(key + "=" + v + " is not a duration; write 500ms, 2s, 1m or PT1M");
            return defaultValue;
        })).orElse(defaultValue);
    }

    private double money(String key) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return 0;
        }
        try {
            double d = Double.parseDouble(v.get().replace("$", "").trim());
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(key + "=" + v.get() + " is not an amount; write US dollars like 2.50");
        return 0;
    }
}
