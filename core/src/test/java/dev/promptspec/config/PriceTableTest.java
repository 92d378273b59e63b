package dev.promptspec.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    private final PriceTable table = PriceTable.defaults();

    @Test
    void looks_models_up_without_publisher_and_with_date_suffixes() {
        assertThat(table.priceFor("openai/gpt-4o-mini")).contains(new Price(0.15, 0.60));
        assertThat(table.priceFor("gpt-4o-mini-2024-07-18")).contains(new Price(0.15, 0.60));
        assertThat(table.priceFor("gpt-4o-2024-08-06")).contains(new Price(2.50, 10.00));
        assertThat(table.priceFor("gpt-4o-2024-05-13")).contains(new Price(5.00, 15.00));
        assertThat(table.priceFor("GPT-4.1-nano")).contains(new Price(0.10, 0.40));
        assertThat(table.priceFor("o3-mini-2025-01-31")).contains(new Price(1.10, 4.40));
        assertThat(table.priceFor("claude-sonnet-4-5")).isEmpty();
        assertThat(table.priceFor("gpt-4ox")).isEmpty();
    }

    @Test
    void overrides_add_and_replace_prices() {
        PriceTable t = table.with(Map.of("gpt-4o", new Price(1, 2), "qwen2.5:0.5b", new Price(0, 0)));
        assertThat(t.priceFor("gpt-4o-2024-11-20")).contains(new Price(1, 2));
        assertThat(t.priceFor("qwen2.5:0.5b")).contains(new Price(0, 0));
    }

    @Test
    void cost_uses_the_model_that_answered_then_the_one_asked_for() {
        ModelRequest request = new ModelRequest("my-azure-deployment", List.of(), null, null);
        ModelResponse answered = new ModelResponse("ok", new TokenUsage(1_000_000, 500_000), Duration.ZERO, "stop",
                "gpt-4o-mini-2024-07-18", 1, ModelResponse.Origin.LIVE);
        assertThat(table.cost(request, answered).getAsDouble()).isCloseTo(0.15 + 0.30, within(1e-9));
        ModelResponse unknown = new ModelResponse("ok", new TokenUsage(10, 10), Duration.ZERO, "stop", null, 1,
                ModelResponse.Origin.LIVE);
        assertThat(table.cost(request, unknown)).isEmpty();
        assertThat(table.cost(new ModelRequest("openai/gpt-4.1", List.of(), null, null), unknown).getAsDouble())
                .isCloseTo((10 * 2.0 + 10 * 8.0) / 1e6, within(1e-12));
    }

    @Test
    void parses_prices_as_written_in_configuration() {
        assertThat(Price.parse("2.50, 10.00")).contains(new Price(2.5, 10));
        assertThat(Price.parse("$0.15,$0.60")).contains(new Price(0.15, 0.6));
        assertThat(Price.parse("2.50")).isEmpty();
        assertThat(Price.parse("a,b")).isEmpty();
        assertThat(Price.parse("-1,2")).isEmpty();
    }
}
