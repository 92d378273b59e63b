package dev.promptspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.OpenAiEndpoint;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What a missing key's message tells the user to set, for each kind of endpoint. */
class KeyHelpTest {

    private static OpenAiEndpoint at(String url) {
        return new OpenAiEndpoint(URI.create(url), null, null);
    }

    @Test
    void the_prompts_key_is_openai_api_key_or_on_github_models_github_token() {
        assertThat(KeyHelp.forPrompts(at("https://api.openai.com/v1"))).isEqualTo("set the environment variable OPENAI_API_KEY, or"
                + " the configuration parameter promptspec.openai.api-key (e.g. -Dpromptspec.openai.api-key=... on the command line;"
                + " keep keys out of committed files)");
        assertThat(KeyHelp.forPrompts(at("https://models.github.ai/inference"))).isEqualTo("set the environment variable GITHUB_TOKEN"
                + " (a token with the models:read permission), or the configuration parameter promptspec.openai.api-key");
    }

    @Test
    void a_judge_on_another_server_is_told_that_the_prompts_key_stays_with_the_prompts() {
        assertThat(KeyHelp.forJudge(at("https://judge.internal.example/v1"), at("https://api.openai.com/v1"))).isEqualTo(
                "set the configuration parameter promptspec.judge.api-key (the key of the judge's endpoint"
                        + " https://judge.internal.example/v1; the prompts' key is sent only to their own server, api.openai.com;"
                        + " keep keys out of committed files)");
        assertThat(KeyHelp.forJudge(at("https://llm.example/judges/v1"), at("https://llm.example/v1")))
                .doesNotContain("sent only to");
    }
}
