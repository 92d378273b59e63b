package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.CallPolicy;
import dev.promptspec.config.Price;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;

class CallSettingsTest {

    private static ConfigurationParameters params(Map<String, String> m) {
        return new MapParameters(m);
    }

    @Test
    void reads_retries_limits_budget_and_prices() {
        List<String> errors = new ArrayList<>();
        CallPolicy p = new CallSettings(params(Map.of(
                "promptspec.retries", "5",
                "promptspec.retry.initial-delay", "250ms",
                "promptspec.retry.max-wait", "2m",
                "promptspec.rate-limit.requests-per-minute", "500",
                "promptspec.rate-limit.tokens-per-minute", "200_000",
                "promptspec.budget.max-tokens", "1,000,000",
                "promptspec.budget.max-cost", "$2.50",
                "promptspec.price.my-deployment", "2.50,10.00")), errors).policy();
        assertThat(errors).isEmpty();
        assertThat(p.retry().maxRetries()).isEqualTo(5);
        assertThat(p.retry().initialDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(p.retry().maxWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.rateLimit().requestsPerMinute()).isEqualTo(500);
        assertThat(p.rateLimit().tokensPerMinute()).isEqualTo(200_000);
        assertThat(p.budget().maxTokens()).isEqualTo(1_000_000);
        assertThat(p.budget().maxCost()).isEqualTo(2.5);
        assertThat(p.prices().priceFor("my-deployment")).contains(new Price(2.5, 10));
        assertThat(p.prices().priceFor("gpt-4o-mini")).isPresent();
    }

    @Test
    void every_bad_value_is_an_error_naming_its_key() {
        List<String> errors = new ArrayList<>();
        new CallSettings(params(Map.of(
                "promptspec.retries", "-1",
                "promptspec.retry.max-wait", "soon",
                "promptspec.rate-limit.requests-per-minute", "fast",
                "promptspec.budget.max-cost", "lots",
                "promptspec.price.gpt-4o", "2.50")), errors).policy();
        assertThat(errors).hasSize(5).anySatisfy(e -> assertThat(e).startsWith("promptspec.retries=-1 is out of range"))
                .anySatisfy(e -> assertThat(e).startsWith("promptspec.retry.max-wait=soon is not a duration"))
                .anySatisfy(e -> assertThat(e).startsWith("promptspec.rate-limit.requests-per-minute=fast is not a whole number"))
                .anySatisfy(e -> assertThat(e).startsWith("promptspec.budget.max-cost=lots is not an amount"))
                .anySatisfy(e -> assertThat(e).startsWith("promptspec.price.gpt-4o=2.50 is not a price"));
    }

    @Test
    void provider_settings_never_carry_credentials() {
        var choice = new CallSettings(params(Map.of(
                "promptspec.provider", "ollama-container",
                "promptspec.ollama.model", "llama3.2:1b",
                "promptspec.openai.api-key", "sk-secret-value-0123456789",
                "promptspec.judge.api-key", "sk-judge-0123456789",
                "promptspec.rate-limit.tokens-per-minute", "1000",
                "unrelated.key", "x")), new ArrayList<>()).provider();
        assertThat(choice.id()).isEqualTo("ollama-container");
        assertThat(choice.settings()).containsEntry("promptspec.ollama.model", "llama3.2:1b")
                .containsKey("promptspec.rate-limit.tokens-per-minute")
                .doesNotContainKeys("promptspec.openai.api-key", "promptspec.judge.api-key", "unrelated.key");
    }
}
