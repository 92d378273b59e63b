package dev.promptspec.model.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.config.Budget;
import dev.promptspec.config.PriceTable;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetGuardTest {

    private static final ModelRequest MINI = new ModelRequest("openai/gpt-4o-mini", List.of(), null, null);

    private static ModelResponse used(int in, int out) {
        return new ModelResponse("answer", new TokenUsage(in, out), Duration.ZERO, "stop", "gpt-4o-mini", 1, ModelResponse.Origin.LIVE);
    }

    @Test
    void refuses_calls_once_the_token_budget_is_reached() throws Exception {
        BudgetGuard guard = new BudgetGuard(new Budget(1000, 0), PriceTable.defaults());
        guard.checkBeforeCall(MINI);
        guard.charge(MINI, used(600, 300));
        guard.checkBeforeCall(MINI); // 900 < 1000
        guard.charge(MINI, used(100, 50));
        assertThatThrownBy(() -> guard.checkBeforeCall(MINI))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelCallException.Kind.BUDGET_EXCEEDED);
                    assertThat(e.getMessage()).contains("1,050 tokens used, promptspec.budget.max-tokens=1,000",
                            "no further model calls are made");
                });
    }

    @Test
    void refuses_calls_once_the_cost_budget_is_reached() throws Exception {
        BudgetGuard guard = new BudgetGuard(new Budget(0, 0.01), PriceTable.defaults());
        guard.charge(MINI, used(20_000, 10_000)); // 0.003 + 0.006
        guard.checkBeforeCall(MINI);
        guard.charge(MINI, used(10_000, 0)); // +0.0015
        assertThat(guard.costSpent()).isGreaterThan(0.01);
        assertThatThrownBy(() -> guard.checkBeforeCall(MINI)).hasMessageContaining("promptspec.budget.max-cost=$0.0100");
    }

    @Test
    void a_cost_budget_needs_a_price_for_every_model_called() {
        BudgetGuard guard = new BudgetGuard(new Budget(0, 5), PriceTable.defaults());
        assertThatThrownBy(() -> guard.checkBeforeCall(new ModelRequest("anthropic/claude-sonnet-4-5", List.of(), null, null)))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelCallException.Kind.CONFIGURATION);
                    assertThat(e.getMessage()).contains("promptspec.price.claude-sonnet-4-5=<input>,<output>");
                });
    }

    @Test
    void unreported_usage_is_estimated_from_the_texts() {
        BudgetGuard guard = new BudgetGuard(new Budget(1_000_000, 0), PriceTable.defaults());
        guard.charge(MINI, new ModelResponse("x".repeat(400), TokenUsage.UNKNOWN, Duration.ZERO, "stop", null, 1, ModelResponse.Origin.LIVE));
        assertThat(guard.tokensSpent()).isEqualTo(100);
    }
}
