package dev.promptspec.promptfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.problem.InvalidPromptFileException;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.testing.Prompts;
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
        assertThat(problems("name: x\nmessages:\n\t- role: user\n")).containsExactly("p.prompt.yml:3:1: error: invalid YAML:"
                + " this line is indented with a tab. YAML does not allow tabs for indentation; indent with spaces (two per level)");
    }

    @Test
    void a_value_containing_colon_space_names_the_line_and_the_fix() {
        assertThat(problems("""
                name: Triage: v2
                messages:
                  - role: user
                    content: hi
                """)).containsExactly("p.prompt.yml:1:13: error: invalid YAML: the value contains ': ', which YAML reads as the"
                        + " start of another key. Quote the value: name: \"Triage: v2\"");
        assertThat(problems("""
                name: Triage
                  model: gpt-4o
                messages:
                  - role: user
                    content: hi
                """)).as("a key indented under a value: quoting would not help").containsExactly("p.prompt.yml:2:8: error:"
                        + " invalid YAML: mapping values are not allowed here. A value that contains ': ' must be quoted, or this"
                        + " line is indented wrongly: nested keys go under their parent, indented by more spaces");
    }

    /**
     * The seed as it was shared: a title and a description above '---', and every line at column 0. One message names
     * both causes (the first key that lost its nesting, and the prose), because both come from the same copy.
     */
    @Test
    void the_seed_file_with_flattened_indentation_gets_one_clear_message_not_a_stack_trace() {
        LoadedPromptFile loaded = Prompts.load("spec/seed-flattened.prompt.yml", Prompts.resource("spec/seed-flattened.prompt.yml"));
        assertThat(loaded.isValid()).isFalse();
        assertThat(loaded.problems()).extracting(Problem::format).containsExactly(
                "spec/seed-flattened.prompt.yml:9:1: error: 'metadata:' has nothing indented under it, and no line of this file is"
                        + " indented: its indentation looks flattened (lost in a copy, an export or a chat message) (the YAML parser"
                        + " stops at line 29: could not find expected ':'). YAML nests by indentation: indent the keys under their"
                        + " parent key, the other keys of each '- ' list item, and the text after 'content: |', by two spaces each"
                        + " level. Also, lines 1-2 (\"CQRS and Event Sourcing Architect\"...) are not YAML: delete the text before"
                        + " the '---' on line 3 or turn it into comments with '# ' (put a title in 'name:' and prose in 'description:')");
        assertThatThrownBy(loaded::fileOrThrow)
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
                testData:
                  - x: 1
                """)).containsExactly("p.prompt.yml:1:1: error: line 1 is not YAML: the file starts with text (\"Support triage\")"
                        + " before the '---' on line 2. Delete it or turn it into comments with '# ' (a prompt file is one YAML"
                        + " mapping; put a title in 'name:' and prose in 'description:')");
        assertThat(problems("""
                name: a
                ---
                name: b
                """)).as("a second document after real YAML").containsExactly("p.prompt.yml:3:1: error: the file holds 2 YAML"
                        + " documents separated by '---'; a prompt file holds exactly one. Remove the text before the '---' line (a"
                        + " leading '---' alone is fine) or split the file");
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
                "p.prompt.yml:3:16: error: 'temperature' in modelParameters must be a number, not a string. Write a number such as"
                        + " 0.7, without quotes",
                "p.prompt.yml:4:15: error: 'max_tokens' in modelParameters must be a whole number, not a number. Write a whole number"
                        + " such as 256, without quotes",
                "p.prompt.yml:5:9: error: 'seed' in modelParameters must be a whole number, not a string. Write a whole number such"
                        + " as 256, without quotes",
                "p.prompt.yml:6:15: error: 'stop' entries must be texts, not a mapping. Write each stop sequence as a quoted text",
                "p.prompt.yml:7:11: error: 'messages' in the prompt file must be a list (lines starting with '- '), not a string."
                        + " Write each item on its own line starting with '- ', indented under the key",
                "p.prompt.yml:8:11: error: 'testData' must be a list of entries or the name of a data file, not a mapping. Write"
                        + " '- variable: value' entries, or a file name such as cases.csv (also .jsonl, .yml) relative to the prompt file");
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
                testData:
                  - x: 1
                """)).containsExactly(
                "p.prompt.yml:2:16: error: 'temperature' is 3, outside 0 to 2. Use a value from 0 to 2 (providers reject others)",
                "p.prompt.yml:3:10: error: 'top_p' is 1.5, outside 0 to 1. Use a value from 0 to 1 (providers reject others)");
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
                testData:
                  - x: 1
                """)).containsExactly(
                "p.prompt.yml:2:11: error: unknown role 'usr' in message #1 — did you mean 'user'? Use system, user or assistant",
                "p.prompt.yml:4:11: error: unknown role 'robot' in message #2. Use system, user or assistant",
                "p.prompt.yml:6:5: error: message #3 has no 'role'. Add role: system, user or assistant",
                "p.prompt.yml:7:5: error: message #4 has no 'content'. Add content: with the message text",
                "p.prompt.yml:9:5: error: 'content' of message #5 is empty. Write the text after 'content:', or after 'content: |' on"
                        + " indented lines");
    }

    @Test
    void a_message_with_keys_other_than_role_and_content_is_an_error() {
        assertThat(problems("""
                messages:
                  - role: user
                    contents: hi
                testData:
                  - x: 1
                """)).containsExactly(
                "p.prompt.yml:2:5: error: message #1 has no 'content'. Add content: with the message text",
                "p.prompt.yml:3:5: error: unknown key 'contents' in message #1 — did you mean 'content'? A message has only 'role'"
                        + " and 'content' (the text goes under content:)");
    }

    @Test
    void empty_or_missing_messages() {
        String testData = "testData:\n  - x: 1\n";
        assertThat(problems("messages: []\n" + testData)).containsExactly(
                "p.prompt.yml:1:11: error: 'messages' is empty. Add at least one '- role: user' with its 'content'");
        assertThat(problems("name: x\nmessages:\n" + testData)).containsExactly(
                "p.prompt.yml:2:1: error: 'messages' is empty. Add at least one '- role: user' with its 'content', indented under"
                        + " messages:");
        assertThat(problems("name: x\n" + testData)).containsExactly(
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
                testData:
                  - x: 1
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
                testData:
                  - x: 1
                """)).containsExactly(
                "p.prompt.yml:6:5: error: unknown evaluator kind 'strng' in evaluator 'e1' — did you mean 'string'? Known kinds: "
                        + String.join(", ", Prompts.REGISTRY.kinds().stream().sorted().toList()),
                "p.prompt.yml:9:11: error: unknown evaluator kind 'regx' in evaluator 'e2' — did you mean 'regex'? Known kinds: "
                        + String.join(", ", Prompts.REGISTRY.kinds().stream().sorted().toList()));
    }

    /** Settings hints come from the kinds' settings schemas: a setting outside its kind, or misspelt inside it. */
    @Test
    void a_misspelt_or_misplaced_markdown_or_json_setting_is_pointed_to_its_kind() {
        String head = "messages:\n  - role: user\n    content: hi\ntestData:\n  - x: 1\nevaluators:\n  - name: e\n";
        assertThat(Prompts.compile("p.prompt.yml", head + "    minBlod: 3\n").problems()).extracting(Problem::format).containsExactly(
                "p.prompt.yml:8:5: error: unknown evaluator kind 'minBlod' in evaluator 'e' — did you mean 'minBold'? It is a"
                        + " setting of the 'markdown' kind. Indent it under 'markdown:', e.g. markdown: {minBold: ...}");
        assertThat(Prompts.compile("p.prompt.yml", head + "    json: valid\n    stripFence: true\n").problems())
                .extracting(Problem::format).containsExactly("p.prompt.yml:9:5: error: unknown evaluator kind 'stripFence' in"
                        + " evaluator 'e' — 'stripFence' is a setting of the 'json' kind. Indent it under 'json:', e.g. json:"
                        + " {stripFence: ...}");
        assertThat(Prompts.compile("p.prompt.yml", head + "    markdown: {section: Risks, minBulets: 3}\n").problems())
                .extracting(Problem::format).singleElement().asString().startsWith("p.prompt.yml:8:32: error: unknown key"
                        + " 'minBulets' in markdown evaluator 'e' — did you mean 'minBullets'? Known keys: section, heading,");
        assertThat(Prompts.compile("p.prompt.yml", head + "    json: {schemFile: order.schema.json}\n").problems())
                .extracting(Problem::format).containsExactly("p.prompt.yml:8:12: error: unknown key 'schemFile' in json evaluator"
                        + " 'e' — did you mean 'schemaFile'? Known keys: stripFence, schema, schemaFile, equals, contains, exists,"
                        + " absent");
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
                testData:
                  - x: 1
                """);
        assertThat(found).hasSize(4);
        assertThat(found.get(0)).startsWith("p.prompt.yml:5:5: error: evaluator 'empty' says nothing to check. Add one of: ");
        assertThat(found.get(1)).isEqualTo("p.prompt.yml:8:5: error: evaluator 'two' has several kinds (string, regex)."
                + " Give each check its own entry under evaluators:");
        assertThat(found.get(2)).isEqualTo("p.prompt.yml:11:5: error: unknown key 'wieght' in evaluator 'typo' — did you mean"
                + " 'weight'? Besides its kind an evaluator has only description, name, weight");
        assertThat(found.get(3)).isEqualTo("p.prompt.yml:12:5: error: evaluator #4 must be a mapping, not a string. Write it as"
                + " '- name: ...' with its kind indented below, e.g. string: {contains: ...}");
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
                        + " Write it as '- variable: value' (one key per variable), or name a data file ending in .csv, .jsonl,"
                        + " .ndjson, .yml, .yaml",
                "p.prompt.yml:7:5: error: testData entry #3 must be a mapping of variables, not a list."
                        + " Write it as '- variable: value' (one key per variable), or name a data file ending in .csv, .jsonl,"
                        + " .ndjson, .yml, .yaml");
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
                testData:
                  - x: 1
                """)).containsExactly(
                "p.prompt.yml:2:5: error: variable has no 'name'. Add name: <the {{variable}} it declares>",
                "p.prompt.yml:4:5: error: unknown key 'requird' in a variable — did you mean 'required'? A variable has only name,"
                        + " description, required and default",
                "p.prompt.yml:5:5: error: variable 'x' is declared twice. Remove one of the declarations",
                "p.prompt.yml:6:5: error: each entry of 'variables' must be a mapping with a 'name', not an integer. Write it as"
                        + " '- name: topic' with optional description:, required: and default:");
    }

    /** Every test would fail the same way, so the file fails once, at the placeholder, instead of each test. */
    @Test
    void a_variable_no_entry_provides_is_an_error_at_the_placeholder_with_the_close_spelling() {
        assertThat(problems("""
                messages:
                  - role: user
                    content: "{{question}} ({{langauge}})"
                testData:
                  - question: Why?
                    language: en
                """)).containsExactly("p.prompt.yml:3:29: error: {{langauge}} is used but no testData entry provides it — did you"
                        + " mean 'language'? Add 'langauge:' to the entries, or a value for every entry under defaults:");
    }

    @Test
    void a_required_variable_one_entry_lacks_is_an_error_of_that_entry_only() {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", """
                variables:
                  - name: question
                    required: true
                messages:
                  - role: user
                    content: "{{question}} ({{language}})"
                testData:
                  - question: Why?
                    language: en
                  - language: fr
                """);
        assertThat(loaded.isValid()).as("one entry's problem does not stop the file").isTrue();
        assertThat(loaded.warnings()).isEmpty();
        TestCase second = loaded.fileOrThrow().testData().get(1);
        assertThat(second.problems()).extracting(Problem::format).containsExactly(
                "p.prompt.yml:10:5: error: testData entry #2 has no value for the required variable 'question' (declared at"
                        + " line 2). Add 'question:' to this entry, or give the variable a default");
        assertThat(loaded.fileOrThrow().testData().get(0).problems()).isEmpty();
    }

    @Test
    void the_file_must_be_a_mapping() {
        assertThat(problems("- role: user\n  content: hi\n")).containsExactly(
                "p.prompt.yml:1:1: error: a prompt file must be a mapping of keys (name:, messages:, testData:...), not a list."
                        + " Start the file with 'name: ...' and 'messages:'");
    }

    /** gh-models ignores a key it does not know: 'testdata:' would run no test and the build would stay green. */
    @Test
    void a_near_miss_of_a_top_level_key_is_an_error_at_the_key() {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", """
                name: Greeting
                messages:
                  - role: user
                    content: "Say hello to {{name}}."
                testdata:
                  - name: Ada
                """);
        assertThat(loaded.isValid()).isFalse();
        assertThat(loaded.errors()).extracting(Problem::format).containsExactly(
                "p.prompt.yml:5:1: error: unknown top-level key 'testdata' — did you mean 'testData'? Rename it to 'testData':"
                        + " as written it is ignored (by gh models too)");
        assertThat(topLevelErrors("evaluator:\n  - name: e\n    string: {contains: hi}\n")).containsExactly("p.prompt.yml:7:1:"
                + " error: unknown top-level key 'evaluator' — did you mean 'evaluators'? Rename it to 'evaluators': as written it"
                + " is ignored (by gh models too)");
        assertThat(topLevelErrors("modelParameter:\n  temperature: 0\n")).singleElement().asString()
                .contains("unknown top-level key 'modelParameter' — did you mean 'modelParameters'?");
        assertThat(topLevelErrors("mesages: []\n")).singleElement().asString()
                .contains("unknown top-level key 'mesages' — did you mean 'messages'?");
        assertThat(topLevelErrors("Model: gpt-4o\n")).singleElement().asString()
                .contains("unknown top-level key 'Model' — did you mean 'model'?");
    }

    @Test
    void a_top_level_key_that_is_no_near_miss_stays_a_warning() {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", BASE + "owner: platform-team\nteam: billing\nid: 7\nnotes: reviewed\n");
        assertThat(loaded.isValid()).isTrue();
        assertThat(loaded.warnings()).extracting(Problem::message).containsExactly(
                "unknown top-level key 'owner' is ignored", "unknown top-level key 'team' is ignored",
                "unknown top-level key 'id' is ignored", "unknown top-level key 'notes' is ignored");
    }

    @Test
    void a_near_miss_in_model_parameters_is_an_error_other_parameters_are_warnings() {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", """
                modelParameters:
                  temprature: 0.2
                  logprobs: true
                  top_k: 40
                messages:
                  - role: user
                    content: hi
                testData:
                  - x: 1
                """);
        String sent = " PromptSpec sends only temperature, maxTokens, maxCompletionTokens, topP, stop, seed, frequencyPenalty and"
                + " presencePenalty (or their snake_case spellings); gh models ignores other keys too";
        assertThat(loaded.problems()).extracting(Problem::format).containsExactly(
                "p.prompt.yml:2:3: error: unknown key 'temprature' in modelParameters — did you mean 'temperature'?" + sent,
                "p.prompt.yml:3:3: warning: unknown key 'logprobs' in modelParameters is ignored." + sent,
                "p.prompt.yml:4:3: warning: unknown key 'top_k' in modelParameters is ignored." + sent);
    }

    @Test
    void a_message_key_that_is_no_near_miss_is_ignored_with_a_warning_as_gh_models_does() {
        LoadedPromptFile loaded = Prompts.load("p.prompt.yml", """
                messages:
                  - role: user
                    name: ada
                    content: hi
                testData:
                  - x: 1
                """);
        assertThat(loaded.isValid()).isTrue();
        assertThat(loaded.problems()).extracting(Problem::format).containsExactly("p.prompt.yml:3:5: warning: unknown key 'name' in"
                + " message #1 is ignored. A message has only 'role' and 'content' (the text goes under content:)");
    }

    /** An entry's keys are its variables, so only a key nothing reads and that is a near miss of an entry key is an error. */
    @Test
    void a_test_data_key_nothing_reads_that_is_a_near_miss_of_an_entry_key_is_an_error_at_the_key() {
        CompiledPrompt prompt = Prompts.compile("p.prompt.yml", """
                name: Capitals
                messages:
                  - role: user
                    content: "What is the capital of {{country}}?"
                testData:
                  - country: France
                    expeted: Paris
                  - country: Japan
                    expected: Tokyo
                    tag: smoke
                  - country: Peru
                    nmae: Peru, in Spanish
                    notes: added after the 2024 review
                    expeted: Lima
                """);
        assertThat(prompt.isRunnable()).isFalse();
        assertThat(prompt.problems()).extracting(Problem::format).containsExactly(
                "p.prompt.yml:7:5: error: testData key 'expeted' is not read by any message or evaluator — did you mean"
                        + " 'expected'? Rename it to 'expected' in the 2 entries that have it: as written it is only a variable,"
                        + " which nothing reads",
                "p.prompt.yml:10:5: error: testData key 'tag' is not read by any message or evaluator — did you mean 'tags'?"
                        + " Rename it to 'tags': as written it is only a variable, which nothing reads",
                "p.prompt.yml:12:5: error: testData key 'nmae' is not read by any message or evaluator — did you mean 'name'?"
                        + " Rename it to 'name': as written it is only a variable, which nothing reads");
    }

    @Test
    void a_test_data_key_a_message_reads_is_a_variable_however_close_to_an_entry_key() {
        CompiledPrompt prompt = Prompts.compile("p.prompt.yml", """
                messages:
                  - role: user
                    content: "Suggest a {{tag}} for {{names}}"
                testData:
                  - tag: hashtag
                    names: Ada and Grace
                    input: unused
                """);
        assertThat(prompt.isRunnable()).isTrue();
        assertThat(prompt.problems()).extracting(Problem::message).containsExactly(
                "testData key 'input' is not used by any message or evaluator");
    }

    @Test
    void a_near_miss_under_defaults_is_an_error_at_the_defaults_key_once() {
        CompiledPrompt prompt = Prompts.compile("p.prompt.yml", """
                messages:
                  - role: user
                    content: "What is the capital of {{country}}?"
                defaults:
                  expeted: Paris
                testData:
                  - country: France
                  - country: Belgium
                """);
        assertThat(prompt.problems()).extracting(Problem::format).containsExactly(
                "p.prompt.yml:5:3: error: testData key 'expeted' is not read by any message or evaluator — did you mean"
                        + " 'expected'? Rename it to 'expected': as written it is only a variable, which nothing reads");
    }

    private static final String BASE = """
            name: Greeting
            messages:
              - role: user
                content: "Say hello to {{name}}."
            testData:
              - name: Ada
            """;

    private static List<String> topLevelErrors(String extra) {
        return Prompts.load("p.prompt.yml", BASE + extra).errors().stream().map(Problem::format).toList();
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
        assertThatThrownBy(loaded::fileOrThrow).hasMessageStartingWith("p.prompt.yml cannot run: 4 errors\n  p.prompt.yml:2:16: error:");
    }
}
