package dev.promptspec.internal.model.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.Role;
import dev.promptspec.model.Secret;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiEndpointTest {

    private static OpenAiEndpoint endpoint(String url) {
        return new OpenAiEndpoint(URI.create(url), Secret.ofNullable("sk-test-0123456789abcdef"), "test");
    }

    @Test
    void openai_itself_gets_the_model_id_without_the_publisher_prefix() {
        OpenAiEndpoint openAi = endpoint("https://api.openai.com/v1");
        assertThat(openAi.isOpenAi()).isTrue();
        assertThat(openAi.wireModelId("openai/gpt-4o")).isEqualTo("gpt-4o");
        assertThat(openAi.wireModelId("OpenAI/gpt-4o-mini")).isEqualTo("gpt-4o-mini");
        assertThat(openAi.wireModelId("gpt-4o")).isEqualTo("gpt-4o");
        assertThat(openAi.wireModelId("meta/llama-3.3-70b")).as("another publisher is not OpenAI's to drop")
                .isEqualTo("meta/llama-3.3-70b");
    }

    @Test
    void every_other_endpoint_gets_the_id_as_written() {
        for (String url : List.of("https://models.github.ai/inference", "http://127.0.0.1:8080/v1", "http://localhost:11434/v1",
                "https://my-resource.openai.azure.com/openai/v1")) {
            assertThat(endpoint(url).wireModelId("openai/gpt-4o")).as(url).isEqualTo("openai/gpt-4o");
        }
        assertThat(endpoint("https://models.github.ai/inference").isGitHubModels()).isTrue();
    }

    @Test
    void the_parameters_sent_to_openai_carry_the_wire_model_id() {
        ModelRequest request = new ModelRequest("openai/gpt-4o-mini", List.of(new ChatMessage(Role.USER, "hi")),
                ModelParameters.NONE, null);
        assertThat(OpenAiClients.parameters(endpoint("https://api.openai.com/v1"), request).modelName()).isEqualTo("gpt-4o-mini");
        assertThat(OpenAiClients.parameters(endpoint("https://models.github.ai/inference"), request).modelName())
                .isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    void local_servers_are_recognised_so_they_need_no_key() {
        assertThat(endpoint("http://localhost:11434/v1").isLocal()).isTrue();
        assertThat(endpoint("http://127.0.0.1:1234/v1").isLocal()).isTrue();
        assertThat(endpoint("http://[::1]:8000/v1").isLocal()).isTrue();
        assertThat(endpoint("https://api.openai.com/v1").isLocal()).isFalse();
    }

    @Test
    void printing_an_endpoint_never_prints_its_key() {
        OpenAiEndpoint e = endpoint("https://api.openai.com/v1");
        assertThat(e.toString()).isEqualTo("https://api.openai.com/v1");
        assertThat(String.valueOf(e.apiKey())).isEqualTo("****");
    }
}
