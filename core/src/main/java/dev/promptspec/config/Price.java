package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.model.TokenUsage;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a model charges, in US dollars per million tokens.
 *
 * @param inputPerMillion  prompt tokens
 * @param outputPerMillion completion tokens
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Price(double inputPerMillion, double outputPerMillion) {

    public Price {
        if (inputPerMillion < 0 || outputPerMillion < 0 || Double.isNaN(inputPerMillion) || Double.isNaN(outputPerMillion)) {
            throw new IllegalArgumentException("prices must be non-negative numbers");
        }
    }

    /** {@code "2.50,10.00"} (input, output per million tokens); empty when it is not two such numbers. */
    public static Optional<Price> parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            double in = Double.parseDouble(parts[0].trim().replace("$", ""));
            double out = Double.parseDouble(parts[1].trim().replace("$", ""));
            return in >= 0 && out >= 0 ? Optional.of(new Price(in, out)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The cost of this usage; tokens the provider did not report count as zero. */
    public double cost(TokenUsage usage) {
        double in = usage.inputTokens() == null ? 0 : usage.inputTokens();
        double out = usage.outputTokens() == null ? 0 : usage.outputTokens();
        return (in * inputPerMillion + out * outputPerMillion) / 1_000_000.0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "$%.2f in / $%.2f out per 1M tokens", inputPerMillion, outputPerMillion);
    }
}
