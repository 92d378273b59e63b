package dev.promptspec.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key as users set it, what it defaults to, and what happens when a value is wrong. */
class SettingsReaderTest {

    private static SettingsReader.Settings read(Map<String, String> params, Map<String, String> env) {
        return SettingsReader.read(ConfigSource.of(params), env::get);
    }

    @Test
    void defaults_are_auto_mode_against_openai_with_the_key_from_the_environment() {
        RunConfig c = read(Map.of(), Map.of("OPENAI_API_KEY", "sk-env-0123456789abcdef")).config();
        assertThat(c.mode()).isEqualTo(RecordingMode.AUTO);
        assertThat(c.endpoint().baseUrl()).hasToString("https://api.openai.com/v1");
        assertThat(c.endpoint().apiKey().reveal()).isEqualTo("sk-env-0123456789abcdef");
        assertThat(c.endpoint().keySource()).isEqualTo("environment variable OPENAI_API_KEY");
        assertThat(c.recordingsDir()).isEqualTo(Path.of("src/test/promptspec/recordings"));
        assertThat(c.concurrency()).isEqualTo(8);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void configuration_parameters_win_over_the_environment() {
        RunConfig c = read(Map.of(Keys.OPENAI_API_KEY, "sk-param-0123456789abcdef",
                        Keys.OPENAI_BASE_URL, "http://localhost:11434/v1/", Keys.MODE, "Replay",
                        Keys.TIMEOUT, "90s", Keys.CONCURRENCY, "3", Keys.RECORDINGS_DIR, "build/recordings"),
                Map.of("OPENAI_API_KEY", "sk-env-0123456789abcdef", "OPENAI_BASE_URL", "https://example.invalid/v1"))
                .config();
        assertThat(c.endpoint().apiKey().reveal()).isEqualTo("sk-param-0123456789abcdef");
        assertThat(c.endpoint().keySource()).isEqualTo("configuration parameter promptspec.openai.api-key");
        assertThat(c.endpoint().baseUrl()).as("trailing slash dropped").hasToString("http://localhost:11434/v1");
        assertThat(c.mode()).isEqualTo(RecordingMode.REPLAY);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.concurrency()).isEqualTo(3);
        assertThat(c.recordingsDir()).isEqualTo(Path.of("build/recordings"));
    }

    @Test
    void github_models_takes_its_token_and_says_so_when_it_is_missing() {
        Map<String, String> github = Map.of(Keys.OPENAI_BASE_URL, "https://models.github.ai/inference");
        RunConfig withToken = read(github, Map.of("GITHUB_TOKEN", "ghp_0123456789abcdefABCDEF")).config();
        assertThat(withToken.endpoint().apiKey().reveal()).isEqualTo("ghp_0123456789abcdefABCDEF");
        assertThat(withToken.endpoint().keySource()).isEqualTo("environment variable GITHUB_TOKEN");
        assertThat(read(github, Map.of()).config().endpoint().apiKey()).isNull();
    }

    @Test
    void wrong_values_are_errors_naming_the_key_and_what_to_write() {
        SettingsReader.Settings s = read(Map.of(Keys.MODE, "bogus", Keys.CONCURRENCY, "0", Keys.TIMEOUT, "soon",
                Keys.OPENAI_BASE_URL, "api.openai.com", Keys.LIMIT_DEPTH, "many"), Map.of());
        assertThat(s.errors()).containsExactlyInAnyOrder(
                "promptspec.mode=bogus is not a mode; use auto, replay, record, live or validate",
                "promptspec.openai.base-url (or OPENAI_BASE_URL) is not a URL: 'api.openai.com'; write it like https://api.openai.com/v1",
                "promptspec.concurrency=0 is out of range; use a value from 1 to 256",
                "promptspec.timeout=soon is not a duration; write 90s, 2m or PT2M",
                "promptspec.limits.max-depth=many is not a whole number");
    }

    @Test
    void reads_retries_limits_budget_and_prices() {
        SettingsReader.Settings s = read(Map.of(
                "promptspec.retries", "5",
                "promptspec.retry.initial-delay", "250ms",
                "promptspec.retry.max-wait", "2m",
                "promptspec.rate-limit.requests-per-minute", "500",
                "promptspec.rate-limit.tokens-per-minute", "200_000",
                "promptspec.budget.max-tokens", "1,000,000",
                "promptspec.budget.max-cost", "$2.50",
                "promptspec.price.my-deployment", "2.50,10.00"), Map.of());
        assertThat(s.errors()).isEmpty();
        CallPolicy p = s.config().calls();
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
    void reads_the_total_wait_of_a_call_s_retries_defaulting_to_five_minutes() {
        assertThat(read(Map.of("promptspec.retry.max-total-wait", "90s"), Map.of()).config().calls().retry().maxTotalWait())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(read(Map.of(), Map.of()).config().calls().retry().maxTotalWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(read(Map.of("promptspec.retry.max-total-wait", "a while"), Map.of()).errors())
                .containsExactly("promptspec.retry.max-total-wait=a while is not a duration; write 500ms, 2s, 1m or PT1M");
    }

    @Test
    void every_bad_value_is_an_error_naming_its_key() {
        List<String> errors = read(Map.of(
                "promptspec.retries", "-1",
                "promptspec.retry.max-wait", "soon",
                "promptspec.rate-limit.requests-per-minute", "fast",
                "promptspec.budget.max-cost", "lots",
                "promptspec.price.gpt-4o", "2.50"), Map.of()).errors();
        assertThat(errors).hasSize(5).anySatisfy(e -> assertThat(e).startsWith("promptspec.retries=-1 is out of range"))
                .anySatisfy(e -> assertThat(e).startsWith("promptspec.retry.max-wait=soon is not a duration"))
                .anySatisfy(e -> assertThat(e).startsWith("promptspec.rate-limit.requests-per-minute=fast is not a whole number"))
                .anySatisfy(e -> assertThat(e).startsWith("promptspec.budget.max-cost=lots is not an amount"))
                .anySatisfy(e -> assertThat(e).startsWith("promptspec.price.gpt-4o=2.50 is not a price"));
    }

    @Test
    void provider_settings_never_carry_credentials() {
        var choice = read(Map.of(
                "promptspec.provider", "ollama-container",
                "promptspec.ollama.model", "llama3.2:1b",
                "promptspec.openai.api-key", "sk-secret-value-0123456789",
                "promptspec.judge.api-key", "sk-judge-0123456789",
                "promptspec.rate-limit.tokens-per-minute", "1000",
                "unrelated.key", "x"), Map.of()).config().provider();
        assertThat(choice.id()).isEqualTo("ollama-container");
        assertThat(choice.settings()).containsEntry("promptspec.ollama.model", "llama3.2:1b")
                .containsKey("promptspec.rate-limit.tokens-per-minute")
                .doesNotContainKeys("promptspec.openai.api-key", "promptspec.judge.api-key", "unrelated.key");
    }

    @Test
    void without_judge_keys_judges_share_the_prompts_endpoint() {
        RunConfig config = read(Map.of(), Map.of("OPENAI_API_KEY", "sk-main-000000000000")).config();
        assertThat(config.judgeEndpoint()).isEmpty();
    }

    @Test
    void a_judge_base_url_and_key() {
        SettingsReader.Settings s = read(Map.of(Keys.JUDGE_BASE_URL, "https://judge.internal.example/v1/",
                Keys.JUDGE_API_KEY, "sk-judge-111111111111"), Map.of("OPENAI_API_KEY", "sk-main-000000000000"));
        assertThat(s.errors()).isEmpty();
        OpenAiEndpoint judge = s.config().judgeEndpoint().orElseThrow();
        assertThat(judge.baseUrl()).hasToString("https://judge.internal.example/v1");
        assertThat(judge.apiKey().reveal()).isEqualTo("sk-judge-111111111111");
        assertThat(judge.keySource()).isEqualTo("configuration parameter promptspec.judge.api-key");
        assertThat(s.config().endpoint().apiKey().reveal()).as("prompts keep theirs").isEqualTo("sk-main-000000000000");
    }

    @Test
    void a_judge_key_alone_uses_the_prompts_base_url() {
        OpenAiEndpoint judge = read(Map.of(Keys.OPENAI_BASE_URL, "https://llm.example/v1", Keys.JUDGE_API_KEY, "sk-judge-111111111111"),
                Map.of()).config().judgeEndpoint().orElseThrow();
        assertThat(judge.baseUrl()).hasToString("https://llm.example/v1");
        assertThat(judge.apiKey().reveal()).isEqualTo("sk-judge-111111111111");
    }

    @Test
    void a_judge_on_another_host_never_gets_the_prompts_key() {
        OpenAiEndpoint judge = read(Map.of(Keys.JUDGE_BASE_URL, "https://judge.internal.example/v1"),
                Map.of("OPENAI_API_KEY", "sk-main-000000000000")).config().judgeEndpoint().orElseThrow();
        assertThat(judge.apiKey()).isNull();
        assertThat(judge.keySource()).isNull();
    }

    @Test
    void a_judge_on_the_prompts_own_server_shares_their_key() {
        OpenAiEndpoint judge = read(Map.of(Keys.OPENAI_BASE_URL, "https://llm.example/v1",
                Keys.JUDGE_BASE_URL, "https://LLM.example:443/judges/v1"),
                Map.of("OPENAI_API_KEY", "sk-main-000000000000")).config().judgeEndpoint().orElseThrow();
        assertThat(judge.apiKey().reveal()).isEqualTo("sk-main-000000000000");
        assertThat(judge.keySource()).isEqualTo("environment variable OPENAI_API_KEY");
    }

    @Test
    void the_same_host_on_another_port_or_scheme_is_another_server() {
        for (String other : new String[] {"https://llm.example:8443/v1", "http://llm.example/v1"}) {
            OpenAiEndpoint judge = read(Map.of(Keys.OPENAI_BASE_URL, "https://llm.example/v1", Keys.JUDGE_BASE_URL, other),
                    Map.of("OPENAI_API_KEY", "sk-main-000000000000")).config().judgeEndpoint().orElseThrow();
            assertThat(judge.apiKey()).as(other).isNull();
        }
    }

    @Test
    void a_local_judge_gets_no_key_and_needs_none() {
        OpenAiEndpoint judge = read(Map.of(Keys.JUDGE_BASE_URL, "http://localhost:11434/v1"),
                Map.of("OPENAI_API_KEY", "sk-main-000000000000")).config().judgeEndpoint().orElseThrow();
        assertThat(judge.apiKey()).isNull();
        assertThat(judge.isLocal()).isTrue();
    }

    @Test
    void a_judge_on_github_models_uses_github_token() {
        OpenAiEndpoint judge = read(Map.of(Keys.JUDGE_BASE_URL, "https://models.github.ai/inference"),
                Map.of("OPENAI_API_KEY", "sk-main-000000000000", "GITHUB_TOKEN", "ghp_judge0000000000")).config().judgeEndpoint().orElseThrow();
        assertThat(judge.apiKey().reveal()).isEqualTo("ghp_judge0000000000");
        assertThat(judge.keySource()).isEqualTo("environment variable GITHUB_TOKEN");
    }

    @Test
    void a_judge_base_url_that_is_not_a_url_is_a_configuration_error() {
        SettingsReader.Settings s = read(Map.of(Keys.JUDGE_BASE_URL, "judge-server:8080"), Map.of());
        assertThat(s.errors()).containsExactly("promptspec.judge.base-url is not a URL: 'judge-server:8080'; write it like https://api.openai.com/v1");
    }

    @Test
    void keys_never_show_in_the_configuration_s_text() {
        RunConfig config = read(Map.of(Keys.JUDGE_API_KEY, "sk-judge-111111111111"), Map.of("OPENAI_API_KEY", "sk-main-000000000000"))
                .config();
        assertThat(config.toString()).doesNotContain("sk-judge-111111111111").doesNotContain("sk-main-000000000000");
    }

    @Test
    void strict_and_reports_are_read_with_the_rest() {
        RunConfig defaults = read(Map.of(), Map.of()).config();
        assertThat(defaults.strict()).isFalse();
        assertThat(defaults.reports()).isEqualTo(ReportsLocation.DEFAULT);
        RunConfig set = read(Map.of(Keys.STRICT, "true", Keys.REPORTS_DIR, "build/prompt-reports"), Map.of()).config();
        assertThat(set.strict()).isTrue();
        assertThat(set.reports()).isEqualTo(ReportsLocation.at(Path.of("build/prompt-reports")));
        assertThat(read(Map.of(Keys.REPORTS_DIR, "none"), Map.of()).config().reports()).isEqualTo(ReportsLocation.NONE);
        assertThat(read(Map.of(Keys.STRICT, "yes"), Map.of()).errors()).containsExactly("promptspec.strict=yes is not true or false");
    }

    @Test
    void batch_mode_is_off_by_default_and_reads_its_settings() {
        assertThat(read(Map.of(), Map.of()).config().batch()).isEqualTo(BatchSettings.OFF);
        SettingsReader.Settings s = read(Map.of(Keys.BATCH, "true", Keys.BATCH_ON_FAILURE, "Batch", Keys.BATCH_MAX_WAIT, "2h",
                Keys.BATCH_DELETE_FILES, "false", Keys.BATCH_PRICE_FACTOR, "0.6", Keys.PROGRESS, "true"), Map.of());
        assertThat(s.errors()).isEmpty();
        assertThat(s.config().batch()).isEqualTo(new BatchSettings(true, BatchSettings.OnFailure.BATCH, Duration.ofHours(2), false,
                0.6, java.util.Optional.of(true)));
        assertThat(s.config().batch().showsProgress(false, true)).isTrue();
        assertThat(BatchSettings.OFF.showsProgress(true, false)).as("auto: on a terminal").isTrue();
        assertThat(BatchSettings.OFF.showsProgress(true, true)).as("auto: not under CI").isFalse();
    }

    @Test
    void bad_batch_settings_are_errors_naming_the_key_and_batch_mode_needs_the_openai_provider() {
        List<String> errors = read(Map.of(Keys.BATCH, "true", Keys.BATCH_ON_FAILURE, "retry", Keys.BATCH_MAX_WAIT, "0s",
                Keys.BATCH_PRICE_FACTOR, "2", Keys.PROGRESS, "sometimes", Keys.PROVIDER, "ollama-container"), Map.of()).errors();
        assertThat(errors).containsExactlyInAnyOrder(
                "promptspec.batch.on-failure=retry is not a choice; use live, batch or error",
                "promptspec.batch.max-wait must be longer than zero; write 30m or 2h",
                "promptspec.batch.price-factor=2 is out of range; write the share of the live price a batch costs, from 0 to 1, e.g. 0.5",
                "promptspec.progress=sometimes is not a choice; use auto, true or false",
                "promptspec.batch=true needs the OpenAI-compatible provider, whose Batch API it uses; promptspec.provider=ollama-container"
                        + " has none. Remove promptspec.batch, or set promptspec.provider=openai");
    }
}
