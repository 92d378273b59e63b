package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.internal.util.Money;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The most a run may spend on live model calls. Replayed answers cost nothing and do not count.
 *
 * @param maxTokens input plus output tokens; 0 for no limit ({@code promptspec.budget.max-tokens})
 * @param maxCost   US dollars, estimated from the {@link PriceTable}; 0 for no limit ({@code promptspec.budget.max-cost})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Budget(long maxTokens, double maxCost) {

    public static final Budget NONE = new Budget(0, 0);

    public Budget {
        if (maxTokens < 0 || maxCost < 0 || Double.isNaN(maxCost)) {
            throw new IllegalArgumentException("budget limits must not be negative");
        }
    }

    public boolean limitsTokens() {
        return maxTokens > 0;
    }

    public boolean limitsCost() {
        return maxCost > 0;
    }

    @Override
    public String toString() {
        if (!limitsTokens() && !limitsCost()) {
            return "no budget";
        }
        StringBuilder sb = new StringBuilder();
        if (limitsTokens()) {
            sb.append(String.format(Locale.ROOT, "%,d tokens", maxTokens));
        }
        if (limitsCost()) {
            sb.append(sb.length() > 0 ? " or " : "").append(Money.format(maxCost));
        }
        return sb.toString();
    }
}
