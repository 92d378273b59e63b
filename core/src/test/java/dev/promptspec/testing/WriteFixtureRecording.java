package dev.promptspec.testing;

import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.eval.NamedEvaluators;
import dev.promptspec.eval.Verdict;
import dev.promptspec.internal.model.recording.Recording;
import dev.promptspec.internal.model.recording.RecordingStore;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptRun;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maintainers' tool: stores hand-written answers as the recordings of one test case, for example suites
 * built on machines that reach no model. Each entry says so in its {@code note}; recording for real
 * ({@code -Dpromptspec.mode=record}) replaces it.
 *
 * <p>Arguments: prompt file on disk, its classpath name, recordings directory, case key, answer file, model id
 * the answer imitates, and optionally a directory of judge replies: for each model-graded evaluator, a file
 * named after it ({@code "Sticks to the order record"} → {@code sticks-to-the-order-record.md}). The case is
 * run through the real evaluators, so judge calls are stored exactly as they will be replayed, and every
 * verdict is printed. {@code uses: java:<name>} evaluators resolve against the {@code @PromptEvaluator} methods of
 * the class named by the system property {@code fixture.class}, when set.
 */
public final class WriteFixtureRecording {

    private WriteFixtureRecording() {
    }

    public static void main(String[] args) throws Exception {
        Path promptPath = Path.of(args[0]);
        String name = args[1];
        RecordingStore store = new RecordingStore(Path.of(args[2]));
        String caseKey = args[3];
        String answer = Files.readString(Path.of(args[4]), StandardCharsets.UTF_8);
        String imitated = args[5];
        Optional<Path> judgeReplies = args.length > 6 ? Optional.of(Path.of(args[6])) : Optional.empty();
        PromptSource source = new PromptSource(name, promptPath.toUri(), Optional.of(promptPath),
                Files.readString(promptPath, StandardCharsets.UTF_8));

        // Run the case for real, against a "model" that answers from the hand-written files, and keep every call.
        List<Recording> calls = Collections.synchronizedList(new ArrayList<>());
        ModelClient handWritten = (request, context) -> {
            String text = CallContext.PROMPT.equals(context.purpose()) ? answer : judgeReply(judgeReplies, context);
            ModelResponse response = new ModelResponse(text, estimatedUsage(request, text), Duration.ZERO, "stop", null, 0,
                    ModelResponse.Origin.RECORDED);
            calls.add(new Recording(context.caseKey(), context.purpose(), Instant.now().truncatedTo(ChronoUnit.SECONDS), request,
                    response, note(context, CallContext.PROMPT.equals(context.purpose()) ? imitated : request.model())));
            return response;
        };
        RunConfig config = RunConfig.defaults().withMode(RecordingMode.LIVE).withCustomClient(handWritten);
        EvaluatorRegistry registry = EvaluatorRegistry.load(WriteFixtureRecording.class.getClassLoader());
        String testClass = System.getProperty("fixture.class");
        if (testClass != null) {
            registry = registry.withNamed(promptEvaluators(Class.forName(testClass)));
        }
        try (PromptRun run = new PromptRun(config, registry, Clock.systemUTC(), () -> false)) {
            CompiledPrompt prompt = run.compile(source);
            TestCase tc = prompt.fileOrThrow().testData().stream().filter(t -> t.key().equals(caseKey)).findFirst().orElseThrow();
            CaseResult result = run.run(prompt, tc);
            if (result.error() != null) {
                throw new IllegalStateException("the case did not run: " + result.error().getMessage(), result.error());
            }
            for (CheckResult c : result.checks()) {
                System.out.println((c.passed() ? "[pass] " : "[FAIL] ") + c.name() + ": " + c.verdict().detail());
            }
        }
        for (Recording r : calls) {
            store.save(name, r);
        }
        store.close(); // writes the saves that came within an interval of the first
        System.out.println("wrote " + calls.size() + " recordings to " + store.fileFor(name));
    }

    /**
     * The {@code @PromptEvaluator} methods of {@code c} and its superclasses, found by the annotation's name: core's
     * tests cannot see junit-extension, which defines it.
     */
    private static NamedEvaluators promptEvaluators(Class<?> c) throws ReflectiveOperationException {
        NamedEvaluators.Builder b = NamedEvaluators.builder();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                for (Annotation a : m.getAnnotations()) {
                    if (a.annotationType().getName().equals("dev.promptspec.junit.PromptEvaluator") && Modifier.isStatic(m.getModifiers())) {
                        String value = (String) a.annotationType().getMethod("value").invoke(a);
                        m.setAccessible(true);
                        b.add(value.isBlank() ? m.getName() : value, ctx -> {
                            Object out = m.invoke(null, m.getParameterTypes()[0] == String.class ? ctx.response() : ctx);
                            return out instanceof Verdict v ? v : Verdict.of(Boolean.TRUE.equals(out), m.getName() + " returned " + out);
                        }, m.toString());
                    }
                }
            }
        }
        return b.build();
    }

    private static String judgeReply(Optional<Path> dir, CallContext context) throws ModelCallException {
        String evaluator = context.purpose().substring(context.purpose().indexOf(':') + 1);
        Path file = dir.map(d -> d.resolve(slug(evaluator) + ".md")).orElse(null);
        if (file == null || !Files.isRegularFile(file)) {
            throw new ModelCallException(ModelCallException.Kind.MISSING_RECORDING, "no hand-written reply for " + context
                    + (file == null ? "; pass a directory of judge replies" : "; write " + file), 0);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new ModelCallException(ModelCallException.Kind.MISSING_RECORDING, "cannot read " + file + ": " + e, 0);
        }
    }

    static String slug(String evaluatorName) {
        return evaluatorName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static TokenUsage estimatedUsage(ModelRequest request, String text) {
        int inputChars = request.messages().stream().mapToInt(m -> m.content().length()).sum();
        return new TokenUsage(inputChars / 4, text.length() / 4);
    }

    private static String note(CallContext context, String imitated) {
        String what = CallContext.PROMPT.equals(context.purpose()) ? "answer" : "judge reply";
        return "Hand-written fixture " + what + " in the style of " + imitated + " (no model is reachable where the examples are built);"
                + " usage estimated at 4 characters per token. Re-record with -Dpromptspec.mode=record.";
    }
}
