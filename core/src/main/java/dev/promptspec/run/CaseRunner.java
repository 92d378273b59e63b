package dev.promptspec.run;

import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.JudgeModel;
import dev.promptspec.eval.Verdict;
import dev.promptspec.eval.string.ExpectedEvaluator;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.recording.RecordingMode;
import dev.promptspec.spec.ModelParameters;
import dev.promptspec.spec.PromptFile;
import dev.promptspec.spec.TestCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs one test case: render, call, evaluate. Never throws: every outcome is a {@link CaseResult}. */
final class CaseRunner {

    private final ModelClient client;
    private final ModelClient judgeClient;
    private final RunConfig config;
    private final java.util.Optional<String> pinnedModel;

    CaseRunner(ModelClient client, ModelClient judgeClient, RunConfig config) {
        this(client, judgeClient, config, java.util.Optional.empty());
    }

    /** @param pinnedModel the id of a supplied model, sent instead of the file's */
    CaseRunner(ModelClient client, ModelClient judgeClient, RunConfig config, java.util.Optional<String> pinnedModel) {
        this.client = client;
        this.judgeClient = judgeClient;
        this.config = config;
        this.pinnedModel = pinnedModel;
    }

    CaseResult run(CompiledPrompt prompt, TestCase testCase) {
        long start = System.nanoTime();
        PromptFile file = prompt.fileOrThrow();
        String name = file.source().name();
        ModelRequest request = null;
        try {
            request = RequestBuilder.build(file, testCase, config, pinnedModel);
            if (config.mode() == RecordingMode.VALIDATE) {
                return new CaseResult(name, testCase, request, null, List.of(), Validation.evaluatorInputs(prompt, testCase),
                        elapsed(start));
            }
            CallContext context = CallContext.prompt(name, testCase.key());
            ModelResponse response = client.call(request, context);
            List<CheckResult> checks = evaluate(prompt, testCase, response, context, request.model());
            return new CaseResult(name, testCase, request, response, checks, null, elapsed(start), file.threshold());
        } catch (TestCaseInputException | ModelCallException e) {
            return new CaseResult(name, testCase, request, null, List.of(), e, elapsed(start));
        } catch (RuntimeException e) {
            return new CaseResult(name, testCase, request, null, List.of(), e, elapsed(start));
        }
    }

    private List<CheckResult> evaluate(CompiledPrompt prompt, TestCase testCase, ModelResponse response, CallContext context,
            String promptModel) {
        PromptFile file = prompt.fileOrThrow();
        JudgeModel judge = (modelId, messages, purpose) -> {
            String model = modelId != null && !modelId.isBlank() ? modelId : config.judgeModel().orElse(promptModel);
            return judgeClient.call(new ModelRequest(model, messages, ModelParameters.NONE, null), context.forJudge(purpose));
        };
        EvaluationContext ctx = new EvaluationContext(response.text().trim(), testCase.variables(), response, testCase, file, judge);
        List<CheckResult> checks = new ArrayList<>();
        for (CompiledPrompt.ConfiguredEvaluator e : prompt.evaluators()) {
            checks.add(check(e.spec().name(), e.kindLabel(), e.evaluator(), e.spec().weight(), ctx));
        }
        if (testCase.expected() != null && !testCase.expected().isEmpty() && !prompt.evaluatorsUseExpected()) {
            checks.add(check(ExpectedEvaluator.NAME, "contains", new ExpectedEvaluator(), 1.0, ctx));
        }
        return checks;
    }

    private static CheckResult check(String name, String kind, Evaluator evaluator, double weight, EvaluationContext ctx) {
        try {
            Verdict v = evaluator.evaluate(ctx);
            if (v == null) {
                return new CheckResult(name, kind, Verdict.fail("the evaluator returned no verdict (null)"), weight, null);
            }
            return new CheckResult(name, kind, v, weight, null);
        } catch (AssertionError e) {
            // an assertion inside a Java evaluator (AssertJ, say) is that check failing, with its message
            return new CheckResult(name, kind, Verdict.fail("assertion failed: " + (e.getMessage() != null ? e.getMessage() : e.toString())), weight, e);
        } catch (Exception | LinkageError | StackOverflowError e) {
            return new CheckResult(name, kind, Verdict.fail("the evaluator threw " + e), weight, e);
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
