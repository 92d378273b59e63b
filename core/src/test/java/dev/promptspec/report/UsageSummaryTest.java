package dev.promptspec.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.model.cost.RunUsage;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageSummaryTest {

    @Test
    void one_line_with_calls_retries_tokens_and_costs() {
        RunUsage u = new RunUsage(12, 28, 1, 0, 16, 0, Duration.ofMillis(3500), 8, 8, 5210, 1804, 0.0019, 9000, 3000, 0.0071, Set.of());
        assertThat(UsageSummary.line(u)).isEqualTo("PromptSpec: 41 model calls (12 live, 28 replayed), 3 retries, 3.5 s waiting,"
                + " 1 failed; live 5,210 in + 1,804 out tokens ≈ $0.0019; replayed calls would cost ≈ $0.0071 live");
    }

    @Test
    void says_when_the_budget_stopped_calls_and_which_models_had_no_price() {
        RunUsage u = new RunUsage(1, 0, 0, 5, 1, 0, Duration.ZERO, 8, 8, 100, 20, 0, 0, 0, 0, Set.of("claude-sonnet-4-5"));
        assertThat(UsageSummary.line(u)).isEqualTo("PromptSpec: 1 model call (1 live, 0 replayed), 5 not made: budget spent;"
                + " live 100 in + 20 out tokens ≈ $0.00 (no price for claude-sonnet-4-5: not counted)");
        assertThat(UsageSummary.entries(u)).containsEntry("promptspec.calls.budget-stopped", "5")
                .containsEntry("promptspec.unpriced-models", "claude-sonnet-4-5");
    }

    @Test
    void says_what_rate_limits_cost_the_run() {
        RunUsage u = new RunUsage(300, 0, 0, 0, 431, 60, Duration.ofSeconds(65), 16, 4, 30_000, 9_000, 0.0099, 0, 0, 0, Set.of());
        assertThat(UsageSummary.line(u)).isEqualTo("PromptSpec: 300 model calls (300 live, 0 replayed), 131 retries (60 rate-limited),"
                + " 1 min 5 s waiting, concurrency lowered to 4 of 16; live 30,000 in + 9,000 out tokens ≈ $0.0099");
        assertThat(UsageSummary.entries(u)).containsEntry("promptspec.retries", "131")
                .containsEntry("promptspec.rate-limited", "60")
                .containsEntry("promptspec.retry.wait-ms", "65000")
                .containsEntry("promptspec.concurrency.lowest", "4");
    }
}
