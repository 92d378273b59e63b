package dev.promptspec.promptfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.problem.Problem;
import dev.promptspec.testing.Prompts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A prompt file's {@code models:}: the models each case runs on, read with every mistake at its line. */
class ModelsKeyTest {

    private static final String BODY = """
            messages:
              - role: user
                content: "Summarise in one sentence: {{text}}"
            testData:
              - text: The meeting moved from Tuesday to Thursday at 10:00 because the projector is being repaired.
            """;

    private static LoadedPromptFile load(String head) {
        return Prompts.load("summary.prompt.yml", "name: One-line summary\n" + head + BODY);
    }

    private static List<String> problems(String head) {
        return load(head).problems().stream().map(Problem::format).toList();
    }

    @Test
    void a_list_of_ids_is_read_in_order_beside_the_single_model_gh_models_runs() {
        PromptFile file = load("model: gpt-4o\nmodels:\n  - gpt-4o\n  - gpt-4o-mini\n  - openai/o3-mini\n").file().orElseThrow();

        assertThat(file.models()).containsExactly("gpt-4o", "gpt-4o-mini", "openai/o3-mini");
        assertThat(file.model()).contains("gpt-4o");
        assertThat(load("model: gpt-4o\n").file().orElseThrow().models()).as("without the key: none").isEmpty();
    }

    @Test
    void mistakes_are_errors_at_the_item_with_the_fix() {
        assertThat(problems("models: [gpt-4o, gpt-4o]\n")).containsExactly("summary.prompt.yml:2:18: error: 'models' names gpt-4o"
                + " twice. Name each model once");
        assertThat(problems("models: []\n")).containsExactly("summary.prompt.yml:2:9: error: 'models' is empty. Name each model"
                + " the cases run on, e.g. models: [gpt-4o, gpt-4o-mini], or delete the key to run them on the file's model");
        assertThat(problems("models:\n  - gpt-4o\n  - {id: gpt-4o-mini}\n")).containsExactly("summary.prompt.yml:4:5: error:"
                + " each of 'models' must be a model id such as gpt-4o, not a mapping. Write one id per item:"
                + " models: [gpt-4o, gpt-4o-mini]");
        assertThat(problems("models: gpt-4o, gpt-4o-mini\n")).singleElement().asString()
                .startsWith("summary.prompt.yml:2:9: error: 'models' in the prompt file must be a list");
    }

    @Test
    void a_near_miss_of_the_key_gets_did_you_mean() {
        assertThat(problems("modles: [gpt-4o, gpt-4o-mini]\n")).containsExactly("summary.prompt.yml:2:1: error: unknown top-level"
                + " key 'modles' — did you mean 'models'? Rename it to 'models': as written it is ignored (by gh models too)");
    }
}
