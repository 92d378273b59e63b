package dev.promptspec.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.problem.InvalidPromptFileException;
import dev.promptspec.problem.Problem;
import dev.promptspec.testing.Prompts;
import dev.promptspec.yaml.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an author sees for a broken file: every problem, each at {@code file:line:column}, with what to do.
 * The exact texts are asserted where they are the product's user interface.
 */
class PromptFileProblemsTest {

    private static List<String> problems(String yaml) {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", yaml);
        return loaded.problems().stream().map(Problem::format).toList();
    }

    @Test
    void an_unclosed_quote_points_at_where_it_opens() {
        assertThat(problems("""
                name: x
                messages:
                  - role: user
                    content: "unclosed
                """)).containsExactly("p.prompt.yml:4:14: error: invalid YAML: the quoted text that starts here is never closed."
                        + " Add the closing quote; inside \"...\" write a quote as \\\", inside '...' as ''");
    }

    @Test
    void a_tab_used_for_indentation_says_to_indent_with_spaces() {
        assertThat(problems("name: x\nmessages:\n\t- role: user\n")).singleElement().satisfies(p -> {
            assertThat(p).startsWith("p.prompt.yml:3:1: error: invalid YAML: found character '\\t(TAB)' that cannot start any token");
            assertThat(p).endsWith("YAML does not allow tabs for indentation; indent with spaces");
        });
    }

    @Test
    void a_value_containing_colon_space_names_the_line_and_the_fix() {
        assertThat(problems("""
                name: Triage: v2
                messages:
                  - role: user
                    content: hi
                """)).containsExactly("p.prompt.yml:1:13: error: invalid YAML: mapping values are not allowed here."
                        + " A value that contains ': ' must be quoted, or this line is indented wrongly: nested keys go under"
                        + " their parent, indented by more spaces");
    }

    @Test
    void the_seed_file_with_flattened_indentation_gets_one_clear_message_not_a_stack_trace() {
        LoadedPromptFile loaded = Prompts.load("spec/seed-flattened.prompt.yml", Prompts.resource("spec/seed-flattened.prompt.yml"));
        assertThat(loaded.isValid()).isFalse();
        assertThat(loaded.problems()).extracting(Problem::format).containsExactly(
                "spec/seed-flattened.prompt.yml:29:1: error: invalid YAML: the text under 'content: |' (line 28) is not indented,"
                        + " so YAML reads it as keys. Indent every line of that text by more spaces than 'content' (2 more is"
                        + " usual). If the whole file lost its indentation (copied from a page that flattened it), re-indent it:"
                        + " nested keys and list items go under their parent key");
        assertThatThrownBy(loaded::orThrow)
                .isInstanceOf(InvalidPromptFileException.class)
                .hasMessage("spec/seed-flattened.prompt.yml cannot run: 1 error\n  " + loaded.problems().get(0).format())
                .satisfies(e -> assertThat(e.getStackTrace()).as("no Java stack trace buries the message").isEmpty());
    }

    @Test
    void a_title_above_a_document_separator_is_named_as_such() {
        assertThat(problems("""
                Support triage
                ---
                messages:
                  - role: user
                    content: hi
                """)).containsExactly("p.prompt.yml:3:1: error: the file holds 2 YAML documents separated by '---'; a prompt"
                        + " file holds exactly one. Remove the text before the '---' line (a leading '---' alone is fine) or split"
                        + " the file");
    }

    @Test
    void values_of_the_wrong_type_are_reported_at_the_value_each_one() {
        assertThat(problems("""
                name: x
                modelParameters:
                  temperature: hot
                  max_tokens: 1.5
                  seed: abc
                  stop: [END, {a: b}]
                messages: hello
                testData: {a: b}
                """)).containsExactly(
                "p.prompt.yml:3:16: error: 'temperature' in modelParameters must be a number, not a string",
                "p.prompt.yml:4:15: error: 'max_tokens' in modelParameters must be a whole number, not a number",
                "p.prompt.yml:5:9: error: 'seed' in modelParameters must be a whole number, not a string",
                "p.prompt.yml:6:15: error: 'stop' entries must be texts, not a mapping",
                "p.prompt.yml:7:11: error: 'messages' in the prompt file must be a list (lines starting with '- '), not a string",
                "p.prompt.yml:8:11: error: 'testData' in the prompt file must be a list (lines starting with '- '), not a mapping");
    }

    @Test
    void parameters_out_of_range_are_errors() {
        assertThat(problems("""
                modelParameters:
                  temperature: 3
                  top_p: 1.5
                messages:
                  - role: user
                    content: hi
                """)).containsExactly(
                "p.prompt.yml:2:16: error: 'temperature' is 3.0; it must be between 0.0 and 2.0",
                "p.prompt.yml:3:10: error: 'top_p' is 1.5; it must be between 0.0 and 1.0");
    }

    @Test
    void unknown_roles_missing_roles_and_missing_content() {
        assertThat(problems("""
                messages:
                  - role: usr
                    content: hi
                  - role: robot
                    content: hi
                  - content: no role
                  - role: user
                  - role: user
                    content:
                """)).containsExactly(
                "p.prompt.yml:2:11: error: unknown role 'usr' — did you mean 'user'? Use system, user or assistant",
                "p.prompt.yml:4:11: error: unknown role 'robot'. Use system, user or assistant",
                "p.prompt.yml:6:5: error: message has no 'role'. Add role: system, user or assistant",
                "p.prompt.yml:7:5: error: message has no 'content'. Add content: with the message text",
                "p.prompt.yml:9:5: error: message 'content' is empty. Write the text after 'content:', or after 'content: |' on"
                        + " indented lines");
    }

    @Test
    void a_message_with_keys_other_than_role_and_content_is_an_error() {
        assertThat(problems("""
                messages:
                  - role: user
                    contents: hi
                """)).contains("p.prompt.yml:3:5: error: unknown key 'contents' in a message — did you mean 'content'?"
                        + " A message has only 'role' and 'content'");
    }

    @Test
    void empty_or_missing_messages() {
        assertThat(problems("messages: []\n")).containsExactly(
                "p.prompt.yml:1:11: error: 'messages' is empty. Add at least one '- role: user' with its 'content'");
        assertThat(problems("name: x\nmessages:\n")).containsExactly(
                "p.prompt.yml:2:1: error: 'messages' is empty. Add at least one '- role: user' with its 'content', indented under"
                        + " messages:");
        assertThat(problems("name: x\n")).containsExactly(
                "p.prompt.yml:1:1: error: the file has no 'messages'. Add messages: with at least one '- role: user' and its"
                        + " 'content'");
    }

    @Test
    void duplicate_keys_name_both_lines() {
        assertThat(problems("""
                name: a
                name: b
                messages:
                  - role: user
                    content: hi
                    content: again
                """)).containsExactly(
                "p.prompt.yml:2:1: error: duplicate key 'name' (first at line 1). Remove one of them: YAML keeps only one value"
                        + " per key",
                "p.prompt.yml:6:5: error: duplicate key 'content' (first at line 5). Remove one of them: YAML keeps only one"
                        + " value per key");
    }

    @Test
    void unknown_evaluator_kinds_get_a_did_you_mean_in_both_forms() {
        assertThat(problems("""
                messages:
                  - role: user
                    content: hi
                evaluators:
                  - name: e1
                    strng:
                      contains: x
                  - name: e2
                    type: regx
                    pattern: x
                """)).containsExactly(
                "p.prompt.yml:6:5: error: unknown evaluator kind 'strng' — did you mean 'string'? Known kinds: "
                        + String.join(", ", Prompts.REGISTRY.kinds().stream().sorted().toList()),
                "p.prompt.yml:9:11: error: unknown evaluator kind 'regx' — did you mean 'regex'? Known kinds: "
                        + String.join(", ", Prompts.REGISTRY.kinds().stream().sorted().toList()));
    }

    @Test
    void evaluators_that_check_nothing_or_several_things_or_misspell_weight() {
        List<String> found = problems("""
                messages:
                  - role: user
                    content: hi
                evaluators:
                  - name: empty
                  - name: two
                    string: {contains: a}
                    regex: b
                  - name: typo
                    string: {contains: a}
                    wieght: 2
                  - just text
                """);
        assertThat(found).hasSize(4);
        assertThat(found.get(0)).startsWith("p.prompt.yml:5:5: error: evaluator 'empty' says nothing to check. Add one of: ");
        assertThat(found.get(1)).isEqualTo("p.prompt.yml:8:5: error: evaluator has several kinds (string, regex)."
                + " Give each check its own entry under evaluators:");
        assertThat(found.get(2)).startsWith("p.prompt.yml:11:5: error: unknown key 'wieght' in an evaluator — did you mean 'weight'?");
        assertThat(found.get(3)).isEqualTo("p.prompt.yml:12:5: error: each evaluator must be a mapping (name: and what to check),"
                + " not a string");
    }

    @Test
    void a_test_data_entry_that_is_not_a_mapping_is_named_by_its_index() {
        assertThat(problems("""
                messages:
                  - role: user
                    content: hi {{x}}
                testData:
                  - x: 1
                  - just a string
                  - [a, b]
                """)).containsExactly(
                "p.prompt.yml:6:5: error: testData entry #2 must be a mapping of variables, not a string."
                        + " Write it as '- variable: value' (one key per variable)",
                "p.prompt.yml:7:5: error: testData entry #3 must be a mapping of variables, not a list."
                        + " Write it as '- variable: value' (one key per variable)");
    }

    @Test
    void variables_declared_wrongly() {
        assertThat(problems("""
                variables:
                  - description: no name
                  - name: x
                    requird: true
                  - name: x
                  - 42
                messages:
                  - role: user
                    content: "{{x}}"
                """)).containsExactly(
                "p.prompt.yml:2:5: error: variable has no 'name'. Add name: <the {{variable}} it declares>",
                "p.prompt.yml:4:5: error: unknown key 'requird' in a variable — did you mean 'required'?",
                "p.prompt.yml:5:5: error: variable 'x' is declared twice",
                "p.prompt.yml:6:5: error: each entry of 'variables' must be a mapping with a 'name', not an integer");
    }

    @Test
    void a_variable_no_entry_provides_is_a_warning_at_the_message_and_a_required_one_an_error_of_its_entry() {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", """
                variables:
                  - name: question
                    required: true
                messages:
                  - role: user
                    content: "{{question}} ({{langauge}})"
                testData:
                  - question: Why?
                    language: en
                  - language: fr
                """);
        assertThat(loaded.isValid()).as("one entry's problem does not stop the file").isTrue();
        assertThat(loaded.warnings()).extracting(Problem::format).containsExactly(
                "p.prompt.yml:6:14: warning: {{langauge}} is used but no testData entry provides it — did you mean 'language'?"
                        + " Add 'langauge:' to the entries (or a default under variables:); each test will fail until then");
        TestCase second = loaded.orThrow().testData().get(1);
        assertThat(second.problems()).extracting(Problem::format).containsExactly(
                "p.prompt.yml:10:5: error: testData entry #2 has no value for the required variable 'question' (declared at"
                        + " line 2). Add 'question:' to this entry");
        assertThat(loaded.orThrow().testData().get(0).problems()).isEmpty();
    }

    @Test
    void the_file_must_be_a_mapping() {
        assertThat(problems("- role: user\n  content: hi\n")).containsExactly(
                "p.prompt.yml:1:1: error: a prompt file must be a mapping of keys (name:, messages:, testData:...), not a list."
                        + " Start the file with 'name: ...' and 'messages:'");
    }

    @Test
    void an_unknown_top_level_key_is_a_warning_with_a_suggestion() {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", """
                messages:
                  - role: user
                    content: hi
                testdata:
                  - x: 1
                """);
        assertThat(loaded.isValid()).isTrue();
        assertThat(loaded.warnings()).extracting(Problem::format).containsExactly(
                "p.prompt.yml:4:1: warning: unknown top-level key 'testdata' is ignored — did you mean 'testData'?");
    }

    @Test
    void every_problem_of_a_file_is_reported_at_once_in_line_order() {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", """
                modelParameters:
                  temperature: warm
                messages:
                  - role: usr
                    content: hi
                testData:
                  - 1
                evaluators:
                  - strng: {contains: x}
                """);
        assertThat(loaded.errors()).extracting(Problem::position).extracting(Position::line).containsExactly(2, 4, 7, 9);
        assertThatThrownBy(loaded::orThrow).hasMessageStartingWith("p.prompt.yml cannot run: 4 errors\n  p.prompt.yml:2:16: error:");
    }
}
