package dev.promptspec.promptfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.RunConfig;
import dev.promptspec.config.YamlLimits;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.problem.Problem;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptCompiler;
import dev.promptspec.run.RequestBuilder;
import dev.promptspec.run.TestCaseInputException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What prompt files from public repositories contain, and what PromptSpec deliberately does with each. */
class RealWorldQuirksTest {

    private final PromptCompiler compiler = new PromptCompiler(YamlLimits.DEFAULTS, EvaluatorRegistry.load(getClass().getClassLoader()));
    private final RunConfig config = RunConfig.defaults().withModels(Optional.empty(), Optional.of("gpt-4o-mini"));

    @Test
    void every_block_scalar_style_reaches_the_model_as_yaml_defines_it() throws Exception {
        CompiledPrompt p = compile("""
                name: Block scalars
                model: openai/gpt-4o-mini
                messages:
                  - role: system
                    content: |
                      Line one
                      Line two
                  - role: user
                    content: |-
                      Kept lines,
                      no final newline
                  - role: user
                    content: >
                      Folded
                      into one line
                  - role: user
                    content: >+
                      Folded, keeping

                  - role: user
                    content: |2-
                        two extra spaces kept
                      {{topic}}
                testData:
                  - topic: tides
                """);
        assertThat(p.problems()).isEmpty();
        assertThat(contents(p, 0)).containsExactly("Line one\nLine two\n", "Kept lines,\nno final newline", "Folded into one line\n",
                "Folded, keeping\n\n", "  two extra spaces kept\ntides");
    }

    @Test
    void four_space_indentation_comments_leading_marker_no_final_newline_and_non_ascii() throws Exception {
        CompiledPrompt p = compile("---\n# Übersetzer — 翻訳者\nname: Übersetzer   # a comment\nmodel: openai/gpt-4o\n"
                + "messages:\n    # the only message\n    -   role: user\n        content: \"Übersetze ins {{sprache}}: {{text}}\"  # ok\n"
                + "testData:\n    -   sprache: Japanische\n        text: Guten Morgen, schöne Grüße\n        expected: おはよう");
        assertThat(p.problems()).isEmpty();
        assertThat(p.fileOrThrow().name()).isEqualTo("Übersetzer");
        assertThat(contents(p, 0)).containsExactly("Übersetze ins Japanische: Guten Morgen, schöne Grüße");
        assertThat(p.fileOrThrow().testData().get(0).expected()).isEqualTo("おはよう");
    }

    @Test
    void model_parameters_in_snake_case_or_empty_are_read() {
        CompiledPrompt snake = compile(minimal("modelParameters:\n  max_tokens: 300\n  top_p: 0.9\n  max_completion_tokens: 900\n"));
        assertThat(snake.problems()).isEmpty();
        ModelParameters mp = snake.fileOrThrow().modelParameters();
        assertThat(mp.maxTokens()).isEqualTo(300);
        assertThat(mp.topP()).isEqualTo(0.9);
        assertThat(mp.maxCompletionTokens()).isEqualTo(900);
        CompiledPrompt empty = compile(minimal("modelParameters: {}\n"));
        assertThat(empty.problems()).isEmpty();
        assertThat(empty.fileOrThrow().modelParameters()).isEqualTo(ModelParameters.NONE);
        CompiledPrompt aliasKey = compile(minimal("model_parameters:\n  temperature: 0.3\n"));
        assertThat(aliasKey.fileOrThrow().modelParameters().temperature()).isEqualTo(0.3);
    }

    @Test
    void model_missing_prefixed_or_a_map() throws Exception {
        CompiledPrompt missing = compile(minimal("").replace("model: openai/gpt-4o-mini\n", ""));
        assertThat(missing.problems()).isEmpty();
        assertThat(missing.fileOrThrow().model()).isEmpty();
        assertThat(request(missing, 0).model()).as("promptspec.default-model applies").isEqualTo("gpt-4o-mini");
        for (String prefixed : List.of("openai/gpt-4o", "microsoft/Phi-4-mini-instruct", "meta/Llama-3.3-70B-Instruct",
                "deepseek/DeepSeek-R1", "xai/grok-3-mini")) {
            CompiledPrompt p = compile(minimal("").replace("openai/gpt-4o-mini", prefixed));
            assertThat(p.fileOrThrow().model()).as("kept as written; providers map it").contains(prefixed);
        }
        CompiledPrompt map = compile(minimal("").replace("model: openai/gpt-4o-mini\n", "model:\n  id: gpt-4o\n  provider: openai\n"));
        assertThat(map.fileOrThrow().model()).contains("gpt-4o");
        assertThat(map.problems()).extracting(Problem::format).containsExactly("quirk.prompt.yml:3:3: warning: 'model' is a mapping;"
                + " PromptSpec uses its 'id' (gpt-4o) and ignores the rest. Write 'model: gpt-4o' to silence this");
    }

    @Test
    void response_format_in_snake_case_with_a_yaml_schema() {
        CompiledPrompt p = compile(minimal("response_format: json_schema\njson_schema:\n  name: answer\n  schema:\n    type: object\n"));
        assertThat(p.problems()).isEmpty();
        assertThat(p.fileOrThrow().responseFormat().type()).isEqualTo("json_schema");
        assertThat(p.fileOrThrow().responseFormat().jsonSchemaJson()).isEqualTo("{\"name\":\"answer\",\"schema\":{\"type\":\"object\"}}");
    }

    @Test
    void spaced_placeholders_are_filled_single_braces_stay_and_template_syntax_is_sent_with_a_warning() throws Exception {
        CompiledPrompt p = compile("""
                name: Braces
                model: openai/gpt-4o-mini
                messages:
                  - role: user
                    content: |
                      Hello {{ author }}, reply to {issue_author} with {page: 26}.
                      {{#if urgent}}Be quick.{{/if}} Files: {{input_FILES:facts.yml}}
                testData:
                  - author: Ana
                  - author: Ben
                    "input_FILES:facts.yml": "facts.yml holds: tides follow the moon"
                """);
        assertThat(p.problems()).extracting(Problem::format).containsExactly(
                "quirk.prompt.yml:7:7: warning: '{{#if urgent}}' is sent to the model as written: PromptSpec, like gh models, fills"
                        + " only {{variable}} placeholders and does not evaluate Handlebars/Mustache syntax. Remove it, or use a"
                        + " {{variable}} and give each testData entry the text to insert",
                "quirk.prompt.yml:7:30: warning: '{{/if}}' is sent to the model as written: PromptSpec, like gh models, fills"
                        + " only {{variable}} placeholders and does not evaluate Handlebars/Mustache syntax. Remove it, or use a"
                        + " {{variable}} and give each testData entry the text to insert",
                "quirk.prompt.yml:7:45: warning: '{{input_FILES:facts.yml}}' is sent to the model as written by entries that have"
                        + " no key 'input_FILES:facts.yml': 'input_FILES:facts.yml' is not a variable name (letters, digits, _ . -), so"
                        + " PromptSpec fills it only from a test-case key spelled exactly 'input_FILES:facts.yml'. Add"
                        + " 'input_FILES:facts.yml:' to every entry, or rename it to a plain {{variable}}");
        assertThat(contents(p, 0)).containsExactly("Hello Ana, reply to {issue_author} with {page: 26}.\n"
                + "{{#if urgent}}Be quick.{{/if}} Files: {{input_FILES:facts.yml}}\n");
        assertThat(contents(p, 1)).containsExactly("Hello Ben, reply to {issue_author} with {page: 26}.\n"
                + "{{#if urgent}}Be quick.{{/if}} Files: facts.yml holds: tides follow the moon\n");
    }

    @Test
    void row_keys_that_match_no_placeholder_are_named_extra_fields_are_not() {
        CompiledPrompt p = compile("""
                name: Rows
                model: openai/gpt-4o-mini
                messages:
                  - role: user
                    content: "Explain {{topic}}"
                testData:
                  - topic: tides
                    name: first
                    category: science
                    audience: kids
                  - topic: magnets
                    level: easy
                """);
        assertThat(p.isRunnable()).isTrue();
        assertThat(p.problems()).extracting(Problem::format).containsExactly(
                "quirk.prompt.yml:10:5: warning: testData key 'audience' is not used by any message or evaluator. Rename it to the"
                        + " {{variable}} it is meant for, or remove it (descriptive keys category, comment, description, expected, id,"
                        + " name, notes, tags are never reported)",
                "quirk.prompt.yml:12:5: warning: testData key 'level' is not used by any message or evaluator. Rename it to the"
                        + " {{variable}} it is meant for, or remove it (descriptive keys category, comment, description, expected, id,"
                        + " name, notes, tags are never reported)");
    }

    @Test
    void nested_vars_and_input_maps_and_an_empty_expected() throws Exception {
        CompiledPrompt p = compile("""
                name: Nested
                model: openai/gpt-4o-mini
                messages:
                  - role: user
                    content: "{{a}} and {{b}}"
                testData:
                  - vars: {a: one, b: two}
                    expected: ''
                  - input:
                      a: three
                      b: four
                """);
        assertThat(p.problems()).isEmpty();
        assertThat(contents(p, 0)).containsExactly("one and two");
        assertThat(contents(p, 1)).containsExactly("three and four");
        assertThat(p.fileOrThrow().testData().get(0).expected()).as("an empty expected checks nothing").isEmpty();
    }

    @Test
    void evaluator_keys_gh_models_ignores_are_errors_here() {
        CompiledPrompt minLength = compile(minimal("evaluators:\n  - name: long\n    string:\n      minLength: 100\n"));
        assertThat(minLength.errors()).extracting(Problem::message).containsExactly("unknown key 'minLength' in string evaluator 'long'");
        CompiledPrompt isJson = compile(minimal("evaluators:\n  - name: json\n    isJSON: true\n"));
        assertThat(isJson.errors()).extracting(Problem::message).singleElement().asString()
                .startsWith("unknown evaluator kind 'isJSON' in evaluator 'json'");
    }

    @Test
    void a_missing_variable_fails_only_the_entry_that_lacks_it() throws Exception {
        CompiledPrompt p = compile("""
                name: Partial
                model: openai/gpt-4o-mini
                messages:
                  - role: user
                    content: "{{a}} {{b}}"
                testData:
                  - a: 1
                    b: 2
                  - a: 3
                """);
        assertThat(p.errors()).isEmpty();
        assertThat(contents(p, 0)).containsExactly("1 2");
        try {
            request(p, 1);
            throw new AssertionError("rendered");
        } catch (TestCaseInputException e) {
            assertThat(e.getMessage()).isEqualTo("quirk.prompt.yml:9:5: error: testData entry #2 does not provide the variable 'b' used"
                    + " by the user message at line 5. Add 'b:' to the entry, or a value for every entry under defaults:");
        }
    }

    private static String minimal(String extra) {
        return "name: Minimal\nmodel: openai/gpt-4o-mini\nmessages:\n  - role: user\n    content: \"Explain {{topic}}\"\n"
                + "testData:\n  - topic: tides\n" + extra;
    }

    private CompiledPrompt compile(String text) {
        return compiler.compile(new PromptSource("quirk.prompt.yml", URI.create("memory:quirk.prompt.yml"), Optional.empty(), text));
    }

    private ModelRequest request(CompiledPrompt p, int index) throws Exception {
        return RequestBuilder.build(p.fileOrThrow(), p.fileOrThrow().testData().get(index), config);
    }

    private List<String> contents(CompiledPrompt p, int index) throws Exception {
        return request(p, index).messages().stream().map(ChatMessage::content).toList();
    }
}
