package dev.promptspec.run;

import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
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
import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.promptfile.TestCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs one test case: render, call, evaluate. Never throws: every outcome is a {@link CaseResult}. */
final class CaseRunner {

    private final ModelClient client;
    private final ModelClient judgeClient;
    private final RunConfig config;
    private final java.util.Optional<String> pinnedModel;

    /** @param pinnedModel the id of a supplied model, sent instead of the file's */
    CaseRunner(ModelClient client, ModelClient judgeClient, RunConfig config, java.util.Optional<String> pinnedModel) {
        this.client = client;
        this.judgeClient = judgeClient;
        this.config = config;
        this.pinnedModel = pinnedModel;
    }

    /** This runner with {@code answer} as every prompt call's answer: to check an answer made elsewhere. */
    CaseRunner answering(ModelResponse answer) {
        return new CaseRunner((request, context) -> answer, judgeClient, config, pinnedModel);
    }

    CaseResult run(CompiledPrompt prompt, TestCase testCase) {
        return run(prompt, testCase, null, 1);
    }

    /** @param model the model the case runs on in a run of several models, or null */
    CaseResult run(CompiledPrompt prompt, TestCase testCase, String model) {
        return run(prompt, testCase, model, 1);
    }

    /**
     * Runs sample {@code sample} (from 1) of the case on {@code model} (null: the file's): its calls are recorded and
     * replayed under that index and model.
     */
    CaseResult run(CompiledPrompt prompt, TestCase testCase, String model, int sample) {
        long start = System.nanoTime();
        PromptFile file = prompt.fileOrThrow();
        String name = file.source().name();
        ModelRequest request = null;
        try {
            request = RequestBuilder.build(file, testCase, config, pinnedModel, model);
            if (config.mode() == RecordingMode.VALIDATE) {
                return new CaseResult(name, testCase, request, null, List.of(), Validation.evaluatorInputs(prompt, testCase),
                        elapsed(start));
            }
            CallContext context = CallContext.prompt(name, testCase.key()).forSample(sample).forModel(model);
            ModelResponse response = client.call(request, context);
            List<CheckResult> checks = new ArrayList<>();
            try {
                evaluate(prompt, testCase, response, context, request.model(), checks);
            } catch (ModelCallException judgeCall) {
                // A judge that got no answer graded nothing: like the prompt's own call failing, the case is an error
                // (or skipped, for a budget stop or cancellation), never a verdict that a threshold could still pass.
                return new CaseResult(name, testCase, request, response, checks, judgeCall, elapsed(start), file.threshold());
            }
            return new CaseResult(name, testCase, request, response, checks, null, elapsed(start), file.threshold());
        } catch (TestCaseInputException | ModelCallException | RuntimeException e) {
            return new CaseResult(name, testCase, request, null, List.of(), e, elapsed(start));
        }
    }

    /**
     * Adds each evaluator's check to {@code checks}, in file order.
     *
     * @throws ModelCallException when an evaluator's model call (a judge's) produced no answer; {@code checks} then
     *                            holds the checks made before it
     */
    private void evaluate(CompiledPrompt prompt, TestCase testCase, ModelResponse response, CallContext context,
            String promptModel, List<CheckResult> checks) throws ModelCallException {
        PromptFile file = prompt.fileOrThrow();
        JudgeModel judge = (modelId, parameters, messages, purpose) -> {
            String model = modelId != null && !modelId.isBlank() ? modelId
                    : ModelSelection.judgeModelFor(file, config, pinnedModel, context.model(), promptModel);
            return judgeClient.call(new ModelRequest(model, messages, parameters, null), context.forJudge(purpose));
        };
        EvaluationContext ctx = EvaluationContext.builder(response.text().trim()).variables(testCase.variables()).model(response)
                .testCase(testCase).file(file).judge(judge).build();
        for (CompiledPrompt.ConfiguredEvaluator e : prompt.evaluators()) {
            checks.add(check(e.spec().name(), e.kindLabel(), e.evaluator(), e.spec().weight(), ctx));
        }
        if (testCase.expected() != null && !testCase.expected().isEmpty() && !prompt.evaluatorsUseExpected()) {
            checks.add(check(ExpectedEvaluator.NAME, "contains", new ExpectedEvaluator(), 1.0, ctx));
        }
    }

    /**
     * The evaluator's verdict; whatever it throws is its check failing, except a {@link ModelCallException}: a model
     * call that got no answer (a judge's HTTP 500, a timeout, a missing recording, a spent budget) says nothing about
     * the response, so it is passed on to make the case an error, named after the evaluator.
     */
    private static CheckResult check(String name, String kind, Evaluator evaluator, double weight, EvaluationContext ctx)
            throws ModelCallException {
        try {
            Verdict v = evaluator.evaluate(ctx);
            if (v == null) {
                return new CheckResult(name, kind, Verdict.fail("the evaluator returned no verdict (null)"), weight, null);
            }
            return new CheckResult(name, kind, v, weight, null);
        } catch (ModelCallException e) {
            throw e.prefixed("evaluator '" + name + "' (" + kind + ") got no answer from its judge");
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
