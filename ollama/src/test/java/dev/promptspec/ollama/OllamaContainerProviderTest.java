package dev.promptspec.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.provider.ModelProviderFactory;
import dev.promptspec.model.provider.ProviderContext;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OllamaContainerProviderTest {

    private static ProviderContext context(Map<String, String> settings) {
        return new ProviderContext(settings, Duration.ofSeconds(30), Redactor.none());
    }

    @Test
    void is_found_by_its_id_through_the_service_loader() {
        assertThat(ServiceLoader.load(ModelProviderFactory.class).stream().map(p -> p.get().id()))
                .contains(OllamaContainerProvider.ID);
    }

    @Test
    void serves_the_configured_model_else_the_run_model_else_a_small_default() {
        OllamaContainerProvider p = new OllamaContainerProvider(() -> false);
        assertThat(p.servedModel(context(Map.of()))).contains("qwen2.5:0.5b");
        assertThat(p.servedModel(context(Map.of("promptspec.model", "llama3.2:1b")))).contains("llama3.2:1b");
        assertThat(p.servedModel(context(Map.of("promptspec.model", "llama3.2:1b", "promptspec.ollama.model", "phi3:mini"))))
                .contains("phi3:mini");
        assertThat(OllamaSettings.from(context(Map.of())).image()).isEqualTo("ollama/ollama:0.12.5");
        assertThat(OllamaSettings.from(context(Map.of("promptspec.ollama.image", "ollama/ollama:0.13.0"))).image())
                .isEqualTo("ollama/ollama:0.13.0");
    }

    @Test
    void without_docker_it_is_unavailable_and_says_why() {
        OllamaContainerProvider p = new OllamaContainerProvider(() -> false);
        assertThatThrownBy(() -> p.create(context(Map.of())))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelCallException.Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("needs Docker", "skipped", "-Dpromptspec.mode=replay");
                });
    }
}
