package dev.promptspec.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.Secret;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptRun;
import dev.promptspec.testing.FakeOpenAiServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Files that {@code gh models eval} accepts run in PromptSpec with gh-models' verdicts: each corpus file is run over
 * real HTTP against the in-process OpenAI-compatible server, which answers with the response its verdicts file gives
 * for the case (and the judge's answer for judge calls). See {@code compat/README.md} for how the verdicts were derived,
 * and for the few places where PromptSpec's verdict differs by design (each one says why).
 */
class CompatibilityCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/compat");

    @TempDir
    static Path recordings;
    private static FakeOpenAiServer server;
    private static PromptRun run;
    private static EvaluatorRegistry registry;

    @BeforeAll
    static void start() throws IOException {
        server = FakeOpenAiServer.answering("no response configured for this request");
        registry = EvaluatorRegistry.load(CompatibilityCorpusTest.class.getClassLoader());
        RunConfig config = RunConfig.defaults().withMode(RecordingMode.LIVE).withConcurrency(1).withRecordingsDir(recordings)
                .withEndpoint(new OpenAiEndpoint(URI.create(server.baseUrl()), Secret.ofNullable("sk-test-corpus-0000000000"), "test"));
        run = new PromptRun(config, registry, Clock.systemUTC(), () -> false);
    }

    @AfterAll
    static void stop() {
        run.close();
        server.close();
    }

    @TestFactory
    Stream<DynamicNode> gh_models_files_get_gh_models_verdicts() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".prompt.yml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(25);
        return files.stream().map(this::file);
    }

    private DynamicNode file(Path file) {
        String base = file.getFileName().toString().replace(".prompt.yml", "");
        Map<String, Object> verdicts = load(CORPUS.resolve(base + ".gh-verdicts.yml"));
        PromptSource source;
        try {
            source = new PromptSource("compat/" + file.getFileName(), file.toUri(), Optional.of(file.toAbsolutePath()),
                    Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CompiledPrompt prompt = run.compile(source);
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("loads", file.toUri(), () -> assertLoads(prompt)));
        for (Object c : (List<?>) verdicts.get("cases")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> expected = (Map<String, Object>) c;
            tests.add(DynamicTest.dynamicTest("case " + expected.get("case"), file.toUri(), () -> assertCase(prompt, expected)));
        }
        return org.junit.jupiter.api.DynamicContainer.dynamicContainer(base, file.toUri(), tests.stream());
    }

    private static void assertLoads(CompiledPrompt prompt) {
        assertThat(prompt.errors()).extracting(Problem::format).isEmpty();
    }

    private void assertCase(CompiledPrompt prompt, Map<String, Object> expected) {
        assertThat(prompt.isRunnable()).as("file is runnable: " + prompt.problems()).isTrue();
        TestCase testCase = prompt.fileOrThrow().testData().stream().filter(tc -> tc.key().equals(expected.get("case"))).findFirst()
                .orElseThrow(() -> new AssertionError("no case " + expected.get("case")));
        String response = (String) expected.get("response");
        List<Map<String, String>> judges = judges(expected);
        server.respondWith(r -> {
            for (Map<String, String> j : judges) {
                for (var m : r.body().path("messages")) {
                    if (m.path("content").asText().contains(j.get("match"))) {
                        return new FakeOpenAiServer.Completion(j.get("answer"));
                    }
                }
            }
            return new FakeOpenAiServer.Completion(response);
        });
        CaseResult result = run.run(prompt, testCase);

        assertThat(result.error()).as("case error").isNull();
        Map<String, Boolean> actual = new LinkedHashMap<>();
        for (CheckResult check : result.checks()) {
            actual.put(check.name(), check.passed());
        }
        @SuppressWarnings("unchecked")
        Map<String, String> gh = (Map<String, String>) expected.get("gh");
        @SuppressWarnings("unchecked")
        Map<String, String> differs = (Map<String, String>) expected.getOrDefault("promptspec", Map.of());
        assertThat(expected).as("a verdict that differs from gh-models' says why").satisfiesAnyOf(
                e -> assertThat(differs).isEmpty(), e -> assertThat(e).containsKey("why"));
        gh.forEach((evaluator, verdict) -> {
            String ours = differs.getOrDefault(evaluator, verdict);
            assertThat(actual.get(evaluator))
                    .as("verdict of '" + evaluator + "' (gh-models: " + verdict + (ours.equals(verdict) ? "" : ", PromptSpec by design: "
                            + ours) + "); all checks: " + result.checks())
                    .isEqualTo(ours.equals("pass"));
        });
        boolean casePassed = (Boolean) expected.getOrDefault("promptspecPassed", expected.get("passed"));
        assertThat(result.passed()).as("case verdict" + (expected.containsKey("why") ? " (" + expected.get("why") + ")" : ""))
                .isEqualTo(casePassed);
        assertRenderedVerbatim(prompt, result);
    }

    /** What reached the model: single braces untouched, no {{variable}} left unfilled. */
    private static void assertRenderedVerbatim(CompiledPrompt prompt, CaseResult result) {
        String sent = String.join("\n", result.request().messages().stream().map(m -> m.content()).toList());
        prompt.fileOrThrow().messages().forEach(m -> m.content().variables().forEach(v ->
                assertThat(sent).as("unfilled {{" + v + "}}").doesNotContainPattern("\\{\\{\\s*" + java.util.regex.Pattern.quote(v) + "\\s*}}")));
        if (prompt.source().name().contains("literal-braces")) {
            assertThat(sent).contains("Address the author as {issue_author} (a placeholder")
                    .contains("{\"page\": 26, \"level\": \"debug\"}");
        }
        if (prompt.source().name().contains("handlebars")) {
            assertThat(sent).contains("{{#if trial}}Mention that their trial ends in 14 days.{{/if}}");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> judges(Map<String, Object> expected) {
        Object j = expected.get("judges");
        return j == null ? List.of() : (List<Map<String, String>>) j;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path path) {
        try {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
