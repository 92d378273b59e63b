package dev.promptspec.promptfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** testData kept in CSV, JSON Lines and YAML files beside the prompt file, and file-level defaults. */
class TestDataFilesTest {

    private static final String PROMPT = """
            name: Ticket routing
            model: openai/gpt-4o-mini
            messages:
              - role: user
                content: "Route this {{channel}} ticket: {{text}}"
            defaults:
              channel: email
              tags: [routing]
            testData:
            """;

    @TempDir
    Path dir;

    private final PromptFileLoader loader = new PromptFileLoader(YamlLimits.DEFAULTS, Set.of("string"));

    @Test
    void csv_header_names_the_variables_and_each_row_keeps_its_line() throws IOException {
        Files.writeString(dir.resolve("cases.csv"), """
                name,text,expected
                double charge,I was charged twice,billing
                multi-line,"The app crashes
                when I open the camera",technical
                chat,Where is my parcel?,shipping
                """);
        Files.writeString(dir.resolve("extra.csv"), "text,channel\nCan I change my login email?,chat\n");
        PromptFile file = load(PROMPT + "  - cases.csv\n  - name: inline\n    text: Cancel my plan\n  - extra.csv\n");

        assertThat(file.testData()).extracting(TestCase::key, tc -> tc.position().line(), tc -> tc.position().file(), TestCase::dataFile)
                .containsExactly(
                        tuple("double charge", 2, "prompts/cases.csv", dir.resolve("cases.csv")),
                        tuple("multi-line", 3, "prompts/cases.csv", dir.resolve("cases.csv")),
                        tuple("chat", 5, "prompts/cases.csv", dir.resolve("cases.csv")),
                        tuple("inline", 11, "prompts/support.prompt.yml", null),
                        tuple("#5", 2, "prompts/extra.csv", dir.resolve("extra.csv")));
        assertThat(file.testData().get(1).variables()).containsEntry("text", "The app crashes\nwhen I open the camera")
                .containsEntry("channel", "email");
        assertThat(file.testData().get(1).expected()).isEqualTo("technical");
        assertThat(file.testData().get(4).variables()).containsEntry("channel", "chat");
        assertThat(file.testData()).allSatisfy(tc -> assertThat(tc.tags()).containsExactly("routing"));
    }

    @Test
    void json_lines_give_one_entry_per_line_with_nested_values_as_json() throws IOException {
        Files.writeString(dir.resolve("cases.jsonl"), """
                {"name": "refund", "text": "Refund order 42", "vars": {"channel": "chat"}}

                {"text": "Order 7 never arrived", "items": [1, 2], "expected": null}
                """);
        PromptFile file = load(PROMPT.replace("testData:\n", "testData: cases.jsonl\n"));

        assertThat(file.testData()).extracting(TestCase::key, tc -> tc.position().line())
                .containsExactly(tuple("refund", 1), tuple("#2", 3));
        assertThat(file.testData().get(0).variables()).containsEntry("channel", "chat").containsEntry("text", "Refund order 42");
        assertThat(file.testData().get(1).variables()).containsEntry("items", "[1,2]").containsEntry("channel", "email")
                .containsEntry("expected", "");
    }

    @Test
    void a_yaml_file_holds_a_list_of_entries_with_exact_positions() throws IOException {
        Files.writeString(dir.resolve("cases.yml"), """
                # shared with the support team
                - text: I was charged twice
                  expected: billing
                - name: late parcel
                  input:
                    text: Where is my parcel?
                    channel: phone
                """);
        PromptFile file = load(PROMPT + "  - cases.yml\n");

        assertThat(file.testData()).extracting(TestCase::key, TestCase::position)
                .containsExactly(tuple("#1", new Position("prompts/cases.yml", 2, 3)),
                        tuple("late parcel", new Position("prompts/cases.yml", 4, 3)));
        assertThat(file.testData().get(1).variables()).containsEntry("channel", "phone");
    }

    @Test
    void data_files_beside_a_prompt_file_in_a_jar_are_read_from_the_jar() throws IOException {
        Path jar = dir.resolve("prompts.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "prompts/support.prompt.yml", PROMPT + "  - data/cases.csv\n");
            put(out, "prompts/data/cases.csv", "text\nI was charged twice\n");
        }
        URI uri = URI.create("jar:" + jar.toUri() + "!/prompts/support.prompt.yml");
        LoadedPromptFile loaded = loader.load(new PromptSource("prompts/support.prompt.yml", uri, Optional.empty(),
                PROMPT + "  - data/cases.csv\n"));

        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.fileOrThrow().testData()).singleElement().satisfies(tc -> {
            assertThat(tc.variables()).containsEntry("text", "I was charged twice");
            assertThat(tc.position()).isEqualTo(new Position("prompts/data/cases.csv", 2, 1));
            assertThat(tc.dataFile()).isNull();
        });
    }

    @Test
    void a_missing_or_empty_data_file_is_reported_at_the_reference() throws IOException {
        Files.writeString(dir.resolve("empty.csv"), "text\n");
        LoadedPromptFile loaded = loadRaw(PROMPT + "  - missing.jsonl\n  - empty.csv\n");

        assertThat(loaded.problems()).extracting(Problem::format).containsExactly(
                "prompts/support.prompt.yml:10:5: error: testData file 'missing.jsonl' does not exist (looked for "
                        + RelativeFiles.shown(dir.resolve("missing.jsonl")) + "). The path is relative to the prompt file (prompts/support.prompt.yml)",
                "prompts/support.prompt.yml:11:5: warning: testData file 'empty.csv' has no rows, so it adds no test. Add rows to"
                        + " prompts/empty.csv, or remove the reference");
    }

    @Test
    void entries_override_defaults_and_declared_defaults_come_first() {
        PromptFile file = load("""
                name: Defaults
                model: openai/gpt-4o-mini
                variables:
                  - name: tone
                    default: neutral
                  - name: channel
                    default: web
                defaults:
                  channel: email
                  expected: thanks
                messages:
                  - role: user
                    content: "{{tone}} {{channel}} {{text}}"
                testData:
                  - text: a
                  - text: b
                    tone: warm
                    expected: sorry
                """);
        assertThat(file.testData()).extracting(tc -> tc.variables().get("tone"), tc -> tc.variables().get("channel"), TestCase::expected)
                .containsExactly(tuple("neutral", "email", "thanks"), tuple("warm", "email", "sorry"));
    }

    private PromptFile load(String text) {
        LoadedPromptFile loaded = loadRaw(text);
        assertThat(loaded.errors()).isEmpty();
        return loaded.fileOrThrow();
    }

    private LoadedPromptFile loadRaw(String text) {
        Path file = dir.resolve("support.prompt.yml");
        return loader.load(new PromptSource("prompts/support.prompt.yml", file.toUri(), Optional.of(file), text));
    }

    private static void put(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
