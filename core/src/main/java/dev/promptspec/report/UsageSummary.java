package dev.promptspec.report;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.promptspec.internal.util.Durations;
import dev.promptspec.internal.util.Money;
import dev.promptspec.model.cost.RunUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/** The run's usage in one line for people, and as key/value entries for reports. */
@API(status = MAINTAINED, since = "0.1")
public final class UsageSummary {

    private UsageSummary() {
    }

    /**
     * For example: {@code PromptSpec: 40 model calls (12 live, 28 replayed), 3 retries, 1 failed; live 5,210 in
     * + 1,804 out tokens ≈ $0.0019; replayed calls would cost ≈ $0.0071 live}. Rate limits add what they cost:
     * {@code 131 retries (60 rate-limited), 1 min 5 s waiting, concurrency lowered to 4 of 16}.
     */
    public static String line(RunUsage u) {
        StringBuilder sb = new StringBuilder("PromptSpec: ");
        sb.append(count(u.calls(), "model call")).append(" (").append(u.liveCalls()).append(" live, ")
                .append(u.replayedCalls()).append(" replayed)");
        List<String> extras = new ArrayList<>();
        if (u.retries() > 0) {
            extras.add(count(u.retries(), "retry", "retries") + (u.rateLimited() > 0 ? " (" + u.rateLimited() + " rate-limited)" : ""));
        } else if (u.rateLimited() > 0) {
            extras.add(u.rateLimited() + " rate-limited");
        }
        if (!u.retryWait().isZero()) {
            extras.add(Durations.words(u.retryWait()) + " waiting");
        }
        if (u.concurrencyLowered()) {
            extras.add("concurrency lowered to " + u.lowestConcurrency() + " of " + u.concurrency());
        }
        if (u.failedCalls() > 0) {
            extras.add(u.failedCalls() + " failed");
        }
        if (u.budgetStopped() > 0) {
            extras.add(u.budgetStopped() + " not made: budget spent");
        }
        for (String e : extras) {
            sb.append(", ").append(e);
        }
        if (u.liveCalls() > 0) {
            sb.append(String.format(Locale.ROOT, "; live %,d in + %,d out tokens ≈ %s", u.liveInputTokens(), u.liveOutputTokens(),
                    Money.format(u.liveCost())));
        }
        if (u.replayedCalls() > 0) {
            sb.append("; replayed calls would cost ≈ ").append(Money.format(u.replayedCost())).append(" live");
        }
        if (!u.unpricedModels().isEmpty()) {
            sb.append(" (no price for ").append(String.join(", ", u.unpricedModels())).append(": not counted)");
        }
        return sb.toString();
    }

    /** Stable keys for a report entry on the run. */
    public static Map<String, String> entries(RunUsage u) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("promptspec.calls.live", String.valueOf(u.liveCalls()));
        m.put("promptspec.calls.replayed", String.valueOf(u.replayedCalls()));
        m.put("promptspec.calls.failed", String.valueOf(u.failedCalls()));
        m.put("promptspec.calls.budget-stopped", String.valueOf(u.budgetStopped()));
        m.put("promptspec.attempts", String.valueOf(u.attempts()));
        m.put("promptspec.retries", String.valueOf(u.retries()));
        m.put("promptspec.rate-limited", String.valueOf(u.rateLimited()));
        m.put("promptspec.retry.wait-ms", String.valueOf(u.retryWait().toMillis()));
        if (u.concurrency() > 0) {
            m.put("promptspec.concurrency.lowest", String.valueOf(u.lowestConcurrency()));
        }
        m.put("promptspec.tokens.input", String.valueOf(u.liveInputTokens()));
        m.put("promptspec.tokens.output", String.valueOf(u.liveOutputTokens()));
        m.put("promptspec.cost-usd", Money.plain(u.liveCost()));
        m.put("promptspec.replayed.tokens.input", String.valueOf(u.replayedInputTokens()));
        m.put("promptspec.replayed.tokens.output", String.valueOf(u.replayedOutputTokens()));
        m.put("promptspec.replayed.cost-usd", Money.plain(u.replayedCost()));
        if (!u.unpricedModels().isEmpty()) {
            m.put("promptspec.unpriced-models", String.join(",", u.unpricedModels()));
        }
        return m;
    }

    private static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    private static String count(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
    }
}
