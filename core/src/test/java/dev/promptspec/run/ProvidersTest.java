package dev.promptspec.run;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.config.ProviderChoice;
import dev.promptspec.config.RunConfig;
import dev.promptspec.model.ModelCallException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A named provider that is not on the class path (core's tests have none but openai). */
class ProvidersTest {

    private static RunConfig provider(String id) {
        return RunConfig.defaults().withProvider(new ProviderChoice(id, Map.of()));
    }

    @Test
    void a_provider_of_an_optional_module_names_the_dependency_to_add() {
        assertThatThrownBy(() -> Providers.create(provider("ollama-container"))).isInstanceOf(ModelCallException.class)
                .hasMessage("promptspec.provider=ollama-container is not a provider on the class path"
                        + " (add the test dependency dev.promptspec:promptspec-ollama); known: openai");
        assertThatThrownBy(() -> Providers.create(provider("ollama"))).as("a near miss of the module's id")
                .hasMessageContaining("(add the test dependency dev.promptspec:promptspec-ollama)");
    }

    @Test
    void any_other_unknown_provider_lists_the_known_ones() {
        assertThatThrownBy(() -> Providers.create(provider("acme-llm"))).isInstanceOf(ModelCallException.class)
                .hasMessage("promptspec.provider=acme-llm is not a provider on the class path; known: openai");
    }
}
