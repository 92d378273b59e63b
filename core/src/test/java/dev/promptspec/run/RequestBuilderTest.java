package dev.promptspec.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.config.RunConfig;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.Role;
import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.testing.Prompts;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A test case rendered into exactly what is sent; or, when it cannot be, an error for that case alone. */
class RequestBuilderTest {

    private static final String FILE = """
            model: gpt-4o-mini
            modelParameters:
              temperature: 0.2
            variables:
              - name: question
                required: true
              - name: language
                default: English
            messages:
              - role: system
                content: Answer in {{ language }}.
              - role: user
                content: "{{question}} {{context}}"
            testData:
              - question: What is CQRS?
                context: (for a newcomer)
              - input:
                  question: Qu'est-ce que CQRS ?
                  language: French
              - context: no question here
            """;

    private final PromptFile file = Prompts.load("prompts/q.prompt.yml", FILE).fileOrThrow();

    @Test
    void renders_messages_with_defaults_and_keeps_model_and_parameters() throws Exception {
        ModelRequest request = RequestBuilder.build(file, file.testData().get(0), RunConfig.defaults());
        assertThat(request.model()).isEqualTo("gpt-4o-mini");
        assertThat(request.parameters()).isEqualTo(new ModelParameters(0.2, null, null, null, null, null, null, null));
        assertThat(request.messages()).containsExactly(
                new ChatMessage(Role.SYSTEM, "Answer in English."),
                new ChatMessage(Role.USER, "What is CQRS? (for a newcomer)"));
    }

    @Test
    void a_variable_the_entry_does_not_provide_fails_that_case_naming_it_and_the_entry_line() {
        assertThatThrownBy(() -> RequestBuilder.build(file, file.testData().get(1), RunConfig.defaults()))
                .isInstanceOf(TestCaseInputException.class)
                .isNotInstanceOf(AssertionError.class)
                .hasMessage("prompts/q.prompt.yml:17:5: error: testData entry #2 does not provide the variable 'context' used"
                        + " by the user message at line 13. Add 'context:' to the entry, or a value for every entry under defaults:");
    }

    @Test
    void a_required_variable_missing_fails_that_case_naming_it_and_the_entry_line() {
        assertThatThrownBy(() -> RequestBuilder.build(file, file.testData().get(2), RunConfig.defaults()))
                .isInstanceOf(TestCaseInputException.class)
                .hasMessage("prompts/q.prompt.yml:20:5: error: testData entry #3 has no value for the required variable"
                        + " 'question' (declared at line 5). Add 'question:' to this entry, or give the variable a default");
    }

    @Test
    void the_model_override_wins_then_the_file_then_the_default() throws Exception {
        RunConfig overridden = RunConfig.defaults().withModels(Optional.of("gpt-4.1"), Optional.of("unused"));
        assertThat(RequestBuilder.build(file, file.testData().get(0), overridden).model()).isEqualTo("gpt-4.1");

        PromptFile noModel = Prompts.load("prompts/n.prompt.yml", FILE.replace("model: gpt-4o-mini\n", "")).fileOrThrow();
        RunConfig withDefault = RunConfig.defaults().withModels(Optional.empty(), Optional.of("openai/gpt-4o"));
        assertThat(RequestBuilder.build(noModel, noModel.testData().get(0), withDefault).model()).isEqualTo("openai/gpt-4o");

        assertThatThrownBy(() -> RequestBuilder.build(noModel, noModel.testData().get(0), RunConfig.defaults()))
                .isInstanceOfSatisfying(ModelCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.CONFIGURATION))
                .hasMessage("prompts/n.prompt.yml names no model: add 'model: gpt-4o-mini' (or any model id) to the file,"
                        + " or set promptspec.default-model for files that name none");
    }
}
