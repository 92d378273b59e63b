package dev.promptspec.testing;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.eval.JudgeModel;
import dev.promptspec.eval.Verdict;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compiles a prompt file the way a run does (loader, then every evaluator through the ServiceLoader
 * registry) and runs its evaluators on a given response, without a model.
 */
public final class EvaluatorHarness {

    /** The file name every harness prompt has; messages and positions use it. */
    public static final String FILE = "prompts/test.prompt.yml";
    /**
     * What {@link #withEvaluators} puts before the evaluators: 7 lines, so the first evaluator line is line 8.
     */
    public static final String HEADER = """
            name: Evaluator test
            model: gpt-4o
            messages:
              - role: user
                content: "Answer {{question}}"
            testData:
              - {question: "the question", expected: "the answer"}
            """;

    private final CompiledPrompt prompt;

    private EvaluatorHarness(CompiledPrompt prompt) {
        this.prompt = prompt;
    }

    /** A prompt file of {@link #HEADER} and then {@code evaluatorsYaml} (starting with {@code evaluators:}). */
    public static EvaluatorHarness withEvaluators(String evaluatorsYaml) {
        return compile(HEADER + evaluatorsYaml);
    }

    /**
     * One evaluator named "check", written as {@code body} (its YAML after {@code - name: check}, e.g.
     * {@code regex: "CQRS"}); its entry starts at line 9, so {@code body}'s first line is line 10.
     */
    public static EvaluatorHarness single(String body) {
        return withEvaluators("evaluators:\n  - name: check\n" + body.indent(4));
    }

    /** The verdict of {@link #single(String) the single evaluator} {@code body} on {@code response}. */
    public static Verdict check(String body, String response) throws Exception {
        return single(body).run("check", response);
    }

    /** The file {@code text}, as if read from {@link #FILE} with no directory on disk. */
    public static EvaluatorHarness compile(String text) {
        return compile(new PromptSource(FILE, URI.create("memory:/" + FILE), Optional.empty(), text));
    }

    /** A file on disk: relative references (schema files) resolve against its directory. */
    public static EvaluatorHarness compile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return compile(new PromptSource(FILE, file.toUri(), Optional.of(file), text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A prompt file read from {@code uri} (a {@code jar:} URL, say), with no file on disk. */
    public static EvaluatorHarness compile(URI uri, String text) {
        return compile(new PromptSource(FILE, uri, Optional.empty(), text));
    }

    private static EvaluatorHarness compile(PromptSource source) {
        PromptCompiler compiler = new PromptCompiler(YamlLimits.DEFAULTS,
                EvaluatorRegistry.load(EvaluatorHarness.class.getClassLoader()));
        return new EvaluatorHarness(compiler.compile(source));
    }

    public CompiledPrompt prompt() {
        return prompt;
    }

    public List<Problem> problems() {
        return prompt.problems();
    }

    /** Every error, formatted as {@code file:line:col: error: ...}, one per line. */
    public String errors() {
        return prompt.errors().stream().map(Problem::format).collect(Collectors.joining("\n"));
    }

    /** The verdict of the evaluator named {@code name} on {@code response} for the first test case. */
    public Verdict run(String name, String response) throws Exception {
        return run(name, context(response));
    }

    /** The verdict of the evaluator named {@code name} in {@code context} (one context serves all evaluators of a case). */
    public Verdict run(String name, EvaluationContext context) throws Exception {
        CompiledPrompt.ConfiguredEvaluator e = prompt.evaluators().stream().filter(c -> c.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no evaluator named '" + name + "'"));
        return e.evaluator().evaluate(context);
    }

    /** What the run gives the evaluators of the first test case when the model answers {@code response}. */
    public EvaluationContext context(String response) {
        if (!prompt.isRunnable()) {
            throw new AssertionError("the prompt does not compile:\n" + errors());
        }
        TestCase tc = prompt.fileOrThrow().testData().get(0);
        ModelResponse model = new ModelResponse(response, TokenUsage.UNKNOWN, Duration.ZERO, "stop", "gpt-4o", 1,
                ModelResponse.Origin.LIVE);
        return EvaluationContext.builder(response.trim()).variables(tc.variables()).model(model).testCase(tc)
                .file(prompt.fileOrThrow()).judge(JudgeModel.unavailable("no judge in evaluator tests")).build();
    }

    /** A test resource as text (the realistic model answers under {@code responses/}). */
    public static String resource(String name) {
        try (var in = EvaluatorHarness.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
