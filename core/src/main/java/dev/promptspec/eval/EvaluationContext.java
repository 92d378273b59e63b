package dev.promptspec.eval;

import dev.promptspec.model.ModelResponse;
import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.promptfile.TestCase;
import java.util.Map;

/**
 * Everything an evaluator may look at for one test case. One context serves every evaluator of the case, so
 * what they parse from the response is parsed once ({@link #parsed(ResponseForms.Form)}).
 *
 * @param response  the model's answer, trimmed (gh-models compares trimmed text)
 * @param variables the test case's variables, {@code expected} included
 * @param model     the full model response: usage, finish reason, model id
 * @param testCase  the testData entry
 * @param file      the prompt file
 * @param judge     calls a model to grade the response (model-graded evaluators)
 * @param forms     {@code response} in parsed forms, shared by the case's evaluators: of the same text, or null for
 *                  new ones
 */
public record EvaluationContext(
        String response,
        Map<String, String> variables,
        ModelResponse model,
        TestCase testCase,
        PromptFile file,
        JudgeModel judge,
        ResponseForms forms) {

    public EvaluationContext {
        if (forms == null) {
            forms = new ResponseForms(response);
        } else if (forms.response() != response && (response == null || !response.equals(forms.response()))) {
            throw new IllegalArgumentException("the parsed forms are of another response than this context's");
        }
    }

    /** A context whose parsed forms start empty: what the runner builds for each test case. */
    public EvaluationContext(String response, Map<String, String> variables, ModelResponse model, TestCase testCase,
            PromptFile file, JudgeModel judge) {
        this(response, variables, model, testCase, file, judge, null);
    }

    /** The response in {@code form} (its Markdown tree, say), parsed once for all evaluators of this case. */
    public <T> T parsed(ResponseForms.Form<T> form) {
        return forms.get(form);
    }
}
