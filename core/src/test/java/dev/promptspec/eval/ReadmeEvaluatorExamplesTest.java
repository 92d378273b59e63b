package dev.promptspec.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.testing.EvaluatorHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every YAML example of the README's evaluator section loads without a problem, so the documentation cannot drift. */
class ReadmeEvaluatorExamplesTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void every_evaluator_example_compiles(@TempDir Path dir) throws Exception {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf("<!-- SECTION:evaluators-deterministic -->"),
                readme.indexOf("<!-- /SECTION:evaluators-deterministic -->"));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(8);
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/triage.schema.json"), "{\"type\": \"object\"}");
        for (String block : blocks) {
            String file = block.contains("evaluators:")
                    ? block.replace("evaluators:", EvaluatorHarness.HEADER + "evaluators:")
                    : EvaluatorHarness.HEADER + "evaluators:\n" + block.indent(2);
            Path prompt = dir.resolve("example.prompt.yml");
            Files.writeString(prompt, file);
            assertThat(EvaluatorHarness.compile(prompt).problems()).as(block).isEmpty();
        }
    }
}
