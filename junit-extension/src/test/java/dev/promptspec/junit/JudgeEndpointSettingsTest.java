package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.JudgeEndpoint;
import dev.promptspec.config.RunConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code promptspec.judge.base-url} and {@code promptspec.judge.api-key}, and what they default to. */
class JudgeEndpointSettingsTest {

    private static EngineSettings read(Map<String, String> params, Map<String, String> env) {
        return EngineSettings.read(new MapParameters(params), env::get);
    }

    @Test
    void without_judge_keys_judges_share_the_prompts_endpoint() {
        RunConfig config = read(Map.of(), Map.of("OPENAI_API_KEY", "sk-main-000000000000")).runConfig();
        assertThat(config.judgeEndpoint()).isEmpty();
    }

    @Test
    void a_judge_base_url_and_key() {
        EngineSettings s = read(Map.of(Constants.JUDGE_BASE_URL, "https://judge.internal.example/v1/",
                Constants.JUDGE_API_KEY, "sk-judge-111111111111"), Map.of("OPENAI_API_KEY", "sk-main-000000000000"));
        assertThat(s.errors()).isEmpty();
        JudgeEndpoint judge = s.runConfig().judgeEndpoint().orElseThrow();
        assertThat(judge.endpoint().baseUrl()).hasToString("https://judge.internal.example/v1");
        assertThat(judge.endpoint().apiKey().reveal()).isEqualTo("sk-judge-111111111111");
        assertThat(judge.endpoint().keySource()).isEqualTo("configuration parameter promptspec.judge.api-key");
        assertThat(judge.missingKeyHelp()).startsWith("set the configuration parameter promptspec.judge.api-key");
        assertThat(s.runConfig().endpoint().apiKey().reveal()).as("prompts keep theirs").isEqualTo("sk-main-000000000000");
    }

    @Test
    void a_judge_key_alone_uses_the_prompts_base_url() {
        JudgeEndpoint judge = read(Map.of(Constants.OPENAI_BASE_URL, "https://llm.example/v1", Constants.JUDGE_API_KEY, "sk-judge-111111111111"),
                Map.of()).runConfig().judgeEndpoint().orElseThrow();
        assertThat(judge.endpoint().baseUrl()).hasToString("https://llm.example/v1");
        assertThat(judge.endpoint().apiKey().reveal()).isEqualTo("sk-judge-111111111111");
    }

    @Test
    void a_judge_on_another_host_never_gets_the_prompts_key() {
        JudgeEndpoint judge = read(Map.of(Constants.JUDGE_BASE_URL, "https://judge.internal.example/v1"),
                Map.of("OPENAI_API_KEY", "sk-main-000000000000")).runConfig().judgeEndpoint().orElseThrow();
        assertThat(judge.endpoint().apiKey()).isNull();
        assertThat(judge.endpoint().keySource()).isNull();
        assertThat(judge.missingKeyHelp()).startsWith("set the configuration parameter promptspec.judge.api-key (the key of the"
                + " judge's endpoint https://judge.internal.example/v1; the prompts' key is sent only to their own server, api.openai.com;");
    }

    @Test
    void a_judge_on_the_prompts_own_server_shares_their_key() {
        JudgeEndpoint judge = read(Map.of(Constants.OPENAI_BASE_URL, "https://llm.example/v1",
                Constants.JUDGE_BASE_URL, "https://LLM.example:443/judges/v1"),
                Map.of("OPENAI_API_KEY", "sk-main-000000000000")).runConfig().judgeEndpoint().orElseThrow();
        assertThat(judge.endpoint().apiKey().reveal()).isEqualTo("sk-main-000000000000");
        assertThat(judge.endpoint().keySource()).isEqualTo("environment variable OPENAI_API_KEY");
        assertThat(judge.missingKeyHelp()).doesNotContain("sent only to");
    }

    @Test
    void the_same_host_on_another_port_or_scheme_is_another_server() {
        for (String other : new String[] {"https://llm.example:8443/v1", "http://llm.example/v1"}) {
            JudgeEndpoint judge = read(Map.of(Constants.OPENAI_BASE_URL, "https://llm.example/v1", Constants.JUDGE_BASE_URL, other),
                    Map.of("OPENAI_API_KEY", "sk-main-000000000000")).runConfig().judgeEndpoint().orElseThrow();
            assertThat(judge.endpoint().apiKey()).as(other).isNull();
        }
    }

    @Test
    void a_local_judge_gets_no_key_and_needs_none() {
        JudgeEndpoint judge = read(Map.of(Constants.JUDGE_BASE_URL, "http://localhost:11434/v1"),
                Map.of("OPENAI_API_KEY", "sk-main-000000000000")).runConfig().judgeEndpoint().orElseThrow();
        assertThat(judge.endpoint().apiKey()).isNull();
        assertThat(judge.endpoint().isLocal()).isTrue();
    }

    @Test
    void a_judge_on_github_models_uses_github_token() {
        JudgeEndpoint judge = read(Map.of(Constants.JUDGE_BASE_URL, "https://models.github.ai/inference"),
                Map.of("OPENAI_API_KEY", "sk-main-000000000000", "GITHUB_TOKEN", "ghp_judge0000000000")).runConfig().judgeEndpoint().orElseThrow();
        assertThat(judge.endpoint().apiKey().reveal()).isEqualTo("ghp_judge0000000000");
        assertThat(judge.endpoint().keySource()).isEqualTo("environment variable GITHUB_TOKEN");
    }

    @Test
    void a_judge_base_url_that_is_not_a_url_is_a_configuration_error() {
        EngineSettings s = read(Map.of(Constants.JUDGE_BASE_URL, "judge-server:8080"), Map.of());
        assertThat(s.errors()).containsExactly("promptspec.judge.base-url is not a URL: 'judge-server:8080'; write it like https://api.openai.com/v1");
    }

    @Test
    void keys_never_show_in_the_configuration_s_text() {
        RunConfig config = read(Map.of(Constants.JUDGE_API_KEY, "sk-judge-111111111111"), Map.of("OPENAI_API_KEY", "sk-main-000000000000"))
                .runConfig();
        assertThat(config.toString()).doesNotContain("sk-judge-111111111111").doesNotContain("sk-main-000000000000");
    }
}
