package dev.promptspec.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.run.PromptCompiler;
import dev.promptspec.schema.PromptFileSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What core documents about this module holds with the module on the class path: the committed prompt file schema
 * (generated in core from the copy of this kind's settings schema that core keeps) and the example in
 * {@code docs/evaluators.md}.
 */
class SimilarDocumentationTest {

    private final EvaluatorRegistry registry = EvaluatorRegistry.load(getClass().getClassLoader());

    @Test
    void the_committed_schema_is_also_what_this_module_generates() throws IOException {
        assertThat(registry.factory("similar")).get().isInstanceOf(SimilarEvaluatorFactory.class);
        assertThat(PromptFileSchema.generate(registry)).isEqualTo(Files.readString(Path.of("../schema/prompt.schema.json")));
    }

    @Test
    void the_documented_example_loads() throws IOException {
        Matcher m = Pattern.compile("```yaml\n(\\s+- name: [^\n]+\n\\s+similar:.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("../docs/evaluators.md")));
        assertThat(m.find()).as("docs/evaluators.md shows similar:").isTrue();
        String text = "name: documentation example\nmodel: gpt-4o\nmessages:\n  - role: user\n    content: \"{{question}}\"\n"
                + "testData:\n  - {question: \"How do I reset my password?\", expected: \"Open Settings, then Security.\"}\n"
                + "evaluators:\n" + m.group(1).stripIndent().indent(2);
        var prompt = new PromptCompiler(YamlLimits.DEFAULTS, registry)
                .compile(new PromptSource("example.prompt.yml", URI.create("memory:example.prompt.yml"), Optional.empty(), text));
        assertThat(prompt.problems()).extracting(Problem::format).isEmpty();
        assertThat(prompt.evaluators()).hasSize(2);
    }
}
