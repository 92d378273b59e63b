package dev.promptspec.promptfile;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.problem.Problem;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.testing.Prompts;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files are read as UTF-8. One saved in another encoding (Latin-1, Windows-1252: what many editors on Windows write)
 * is an error at the first byte that is not UTF-8, never a file whose accents reach the model as U+FFFD.
 */
class EncodingTest {

    private static final String MENU = """
            name: Plat du jour
            model: openai/gpt-4o-mini
            messages:
              - role: user
                content: "Décris le plat du jour en deux phrases : {{plat}}"
            testData:
              - plat: Blanquette de veau
            """;

    @TempDir
    Path dir;

    @Test
    void a_prompt_file_saved_as_latin_1_is_an_error_at_the_first_byte_that_is_not_utf_8() {
        PromptSource source = PromptSource.fromBytes("prompts/menu.prompt.yml", URI.create("classpath:prompts/menu.prompt.yml"),
                Optional.empty(), MENU.getBytes(ISO_8859_1));

        CompiledPrompt prompt = Prompts.compile(source);

        assertThat(prompt.isRunnable()).isFalse();
        assertThat(prompt.problems()).extracting(Problem::format).containsExactly("prompts/menu.prompt.yml:5:16: error: the file is"
                + " not valid UTF-8 at line 5, column 16 (byte 0xE9, 'é' in Windows-1252). Save the file as UTF-8");
    }

    @Test
    void columns_count_characters_so_text_before_the_byte_in_utf_8_counts_one_column_a_character() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("\uFEFFname: Größe\ndescription: Maße – in cm ".getBytes(UTF_8));
        bytes.write(0x96); // Windows-1252's en dash, pasted from a Word document
        bytes.write(" Zoll\n".getBytes(UTF_8));

        PromptSource source = PromptSource.fromBytes("p.prompt.yml", URI.create("memory:/p.prompt.yml"), Optional.empty(),
                bytes.toByteArray());

        assertThat(source.encodingError()).hasValueSatisfying(p -> assertThat(p.format()).isEqualTo("p.prompt.yml:2:27: error:"
                + " the file is not valid UTF-8 at line 2, column 27 (byte 0x96, '–' in Windows-1252). Save the file as UTF-8"));
    }

    @Test
    void a_utf_8_file_loses_only_its_byte_order_mark() throws Exception {
        PromptSource source = PromptSource.fromBytes("p.prompt.yml", URI.create("memory:/p.prompt.yml"), Optional.empty(),
                ("\uFEFF" + MENU).getBytes(UTF_8));

        assertThat(source.text()).isEqualTo(MENU);
        assertThat(source.encodingError()).isEmpty();
        assertThat(Prompts.compile(source).fileOrThrow().messages().get(0).content().render(java.util.Map.of("plat", "Ratatouille")))
                .isEqualTo("Décris le plat du jour en deux phrases : Ratatouille");
    }

    @Test
    void a_data_file_saved_as_latin_1_is_an_error_at_its_own_line_and_column() throws Exception {
        Files.write(dir.resolve("plats.csv"), "plat,expected\nGratin dauphinois,crème\n".getBytes(ISO_8859_1));
        Path prompt = dir.resolve("menu.prompt.yml");
        String text = MENU.replace("  - plat: Blanquette de veau\n", "  - plats.csv\n");

        LoadedPromptFile loaded = new PromptFileLoader(dev.promptspec.config.YamlLimits.DEFAULTS, Set.of("string"))
                .load(new PromptSource("prompts/menu.prompt.yml", prompt.toUri(), Optional.of(prompt), text));

        assertThat(loaded.problems()).extracting(Problem::format).containsExactly("prompts/plats.csv:2:21: error: the file is not"
                + " valid UTF-8 at line 2, column 21 (byte 0xE8, 'è' in Windows-1252). Save the file as UTF-8");
    }
}
