package dev.promptspec.promptfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.eval.regex.RegexEvaluatorFactory;
import dev.promptspec.eval.string.StringEvaluatorFactory;
import dev.promptspec.problem.Problem;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of {@code malformed/} produces exactly the problems of its sibling {@code .expected} file, one per line
 * ({@code file:line:col: error|warning: message. fix}), in the order an author reads them. The registry is fixed to
 * the built-in string and regex kinds so the messages (which list known kinds) do not change when other kinds are
 * installed. To write the {@code .expected} of a new file, run with {@code -Dpromptspec.corpus.write=true} and review it.
 */
class MalformedCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/malformed");
    private final PromptCompiler compiler = new PromptCompiler(YamlLimits.DEFAULTS,
            EvaluatorRegistry.of(new StringEvaluatorFactory(), new RegexEvaluatorFactory()));

    @TestFactory
    Stream<DynamicTest> each_malformed_file_gets_its_exact_messages() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".prompt.yml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(), () -> {
            Path expectedFile = CORPUS.resolve(file.getFileName().toString().replace(".prompt.yml", ".expected"));
            String actual = problems(file);
            if (Boolean.getBoolean("promptspec.corpus.write") && !Files.exists(expectedFile)) {
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            }
            assertThat(actual).isEqualTo(Files.readString(expectedFile));
        }));
    }

    private String problems(Path file) throws IOException {
        String name = "malformed/" + file.getFileName();
        CompiledPrompt prompt = compiler.compile(new PromptSource(name, file.toUri(), Optional.of(file.toAbsolutePath()),
                Files.readString(file)));
        return prompt.problems().stream().map(Problem::format).collect(Collectors.joining("\n", "", "\n"));
    }
}
