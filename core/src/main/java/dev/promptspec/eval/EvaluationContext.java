package dev.promptspec.eval;

import dev.promptspec.model.ModelResponse;
import dev.promptspec.spec.PromptFile;
import dev.promptspec.spec.TestCase;
import dev.promptspec.template.MissingVariableException;
import dev.promptspec.template.Template;
import dev.promptspec.yaml.Position;
import java.util.Map;

/**
 * Everything an evaluator may look at for one test case.
 *
 * @param response  the model's answer, trimmed (gh-models compares trimmed text)
 * @param variables the test case's variables, {@code expected} included
 * @param model     the full model response: usage, finish reason, model id
 * @param testCase  the testData entry
 * @param file      the prompt file
 * @param judge     calls a model to grade the response (model-graded evaluators)
 */
public record EvaluationContext(
        String response,
        Map<String, String> variables,
        ModelResponse model,
        TestCase testCase,
        PromptFile file,
        JudgeModel judge) {

    /** Fills {@code {{variables}}} of an evaluator's setting from this test case. */
    public String render(String template, Position position) throws MissingVariableException {
        return Template.parse(template, position).render(variables);
    }
}
