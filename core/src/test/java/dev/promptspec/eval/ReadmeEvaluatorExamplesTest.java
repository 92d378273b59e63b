package dev.promptspec.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.run.PromptCompiler;
import dev.promptspec.testing.WordBudgetFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every YAML example of the user documentation (the README and every page of {@code docs/}) that is a prompt file, or
 * a part of one, loads without a problem, so the documentation cannot drift: whole files as they are, evaluator
 * snippets inside a file whose one test case provides the {@code {{variables}}} they read (and {@code input}, which
 * built-in judges read by default). The Java evaluators and the {@code wordBudget} kind {@code docs/evaluators.md}
 * defines are registered as it writes them. {@code similar:} needs the similarity module, which core's tests do not
 * have: here its snippet must fail with exactly the "add the module" error (the module's own tests load it).
 */
class ReadmeEvaluatorExamplesTest {

    private static final Path ROOT = Path.of("..");
    /** The pages whose examples are prompt files or evaluators; each must still show some. */
    private static final List<String> PAGES_WITH_PROMPT_EXAMPLES = List.of("README.md", "docs/prompt-files.md",
            "docs/evaluators.md", "docs/judges.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][\\w.-]*)\\s*}}");
    private static final Pattern ORDER_ID = Pattern.compile("\\b\\d{5}\\b");

    private final EvaluatorRegistry registry = EvaluatorRegistry.load(getClass().getClassLoader())
            .with(List.of(new WordBudgetFactory()))
            .withNamed(NamedEvaluators.builder()
                    .add("orderIdPresent", ctx -> Verdict.of(ORDER_ID.matcher(ctx.response()).find(), "looks for an order id"), "docs")
                    .add("quotesOrderNumber", ctx -> Verdict.of(ctx.response().contains(ctx.variables().get("orderId")),
                            "quotes the order number"), "docs")
                    .build());

    @Test
    void every_prompt_file_example_loads(@TempDir Path dir) throws Exception {
        Map<String, List<String>> blocksByPage = yamlBlocksByPage();
        assertThat(blocksByPage).as("pages with YAML examples").containsKeys(PAGES_WITH_PROMPT_EXAMPLES.toArray(String[]::new));
        List<String> promptBlocks = blocksByPage.values().stream().flatMap(List::stream)
                .filter(b -> !b.startsWith("# Recorded model responses") && !b.startsWith("# .github/workflows/")).toList();
        assertThat(promptBlocks).as("YAML examples besides the recordings file").hasSizeGreaterThanOrEqualTo(16);
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/triage.schema.json"), "{\"type\": \"object\"}");
        Files.writeString(dir.resolve("more-cases.csv"), "name,text,expected\nparcel lost,My parcel never arrived.,shipping\n");
        for (String block : promptBlocks) {
            List<Problem> problems = compile(dir, block);
            if (block.contains("similar:")) {
                assertThat(problems).as(block).isNotEmpty().allSatisfy(p -> assertThat(p.message())
                        .isEqualTo("evaluator kind 'similar' needs the promptspec-similarity module, which is not on the class path"));
            } else {
                assertThat(problems).extracting(Problem::format).as(block).isEmpty();
            }
        }
    }

    /** The {@code wordBudget} factory the tests register is the one the documentation shows, line for line. */
    @Test
    void the_documented_word_budget_factory_is_the_one_registered() throws Exception {
        Matcher m = Pattern.compile("```java\n(?:import [^\n]*\n|\n)*(public final class WordBudgetFactory .*?)```", Pattern.DOTALL)
                .matcher(Files.readString(ROOT.resolve("docs/evaluators.md")));
        assertThat(m.find()).as("docs/evaluators.md shows WordBudgetFactory").isTrue();
        String source = Files.readString(Path.of("src/test/java/dev/promptspec/testing/WordBudgetFactory.java"));
        List<String> documented = codeLines(m.group(1));
        assertThat(documented).hasSizeGreaterThan(10);
        assertThat(codeLines(source.substring(source.indexOf("public final class WordBudgetFactory")))).isEqualTo(documented);
    }

    /** Lines of Java code without blank lines, end-of-line comments and indentation. */
    private static List<String> codeLines(String code) {
        return code.lines().map(l -> l.replaceFirst("\\s*//.*$", "").strip()).filter(l -> !l.isEmpty()).toList();
    }

    /** Every {@code ```yaml} block of the README and of each page of docs/, by page (relative to the repository). */
    private static Map<String, List<String>> yamlBlocksByPage() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        for (Path page : pages) {
            Matcher m = YAML_BLOCK.matcher(Files.readString(page));
            while (m.find()) {
                blocks.computeIfAbsent(ROOT.relativize(page).toString().replace('\\', '/'), k -> new ArrayList<>()).add(m.group(1));
            }
        }
        return blocks;
    }

    /** A whole file as it is; a snippet inside a file whose one entry provides every variable it reads. */
    private List<Problem> compile(Path dir, String block) throws Exception {
        String text;
        if (block.contains("messages:")) {
            text = block;
        } else {
            String evaluators = block.contains("evaluators:") ? block : "evaluators:\n" + block.stripIndent().indent(2);
            Set<String> variables = new LinkedHashSet<>(List.of("question", "expected"));
            Matcher v = VARIABLE.matcher(block);
            while (v.find()) {
                variables.add(v.group(1));
            }
            variables.remove("completion");
            if (block.contains("uses: github/")) {
                variables.add("input"); // the built-in judges read {{input}} unless told otherwise
            }
            String entry = variables.stream().map(n -> n + ": \"a value for " + n + "\"").collect(Collectors.joining(", ", "  - {", "}"));
            text = "name: documentation example\nmodel: gpt-4o\nmessages:\n  - role: user\n    content: \"Answer {{question}}\"\n"
                    + "testData:\n" + entry + "\n" + evaluators;
        }
        Path file = dir.resolve("example.prompt.yml");
        Files.writeString(file, text);
        return new PromptCompiler(YamlLimits.DEFAULTS, registry)
                .compile(new PromptSource("example.prompt.yml", file.toUri(), Optional.of(file), text)).problems();
    }
}
