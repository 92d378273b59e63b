package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.promptspec.model.ModelResponse;
import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.promptfile.TestCase;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Everything an evaluator may look at for one test case. One context serves every evaluator of the case, so what they
 * parse from the response is parsed once ({@link #parsed(ResponseForms.Form)}).
 *
 * <p>PromptSpec creates contexts; evaluators only read them. New accessors may be added in any version, so do not
 * implement or subclass this type (it is final) and do not depend on how it is built.
 */
@API(status = STABLE, since = "0.1")
public final class EvaluationContext {

    private final String response;
    private final Map<String, String> variables;
    private final ModelResponse model;
    private final TestCase testCase;
    private final PromptFile file;
    private final JudgeModel judge;
    private final ResponseForms forms;

    private EvaluationContext(Builder b) {
        this.response = Objects.requireNonNull(b.response, "response");
        this.variables = b.variables == null ? Map.of() : b.variables;
        this.model = b.model;
        this.testCase = b.testCase;
        this.file = b.file;
        this.judge = b.judge != null ? b.judge : JudgeModel.unavailable("no judge model is configured for this evaluation");
        if (b.forms == null) {
            this.forms = new ResponseForms(response);
        } else if (!response.equals(b.forms.response())) {
            throw new IllegalArgumentException("the parsed forms are of another response than this context's");
        } else {
            this.forms = b.forms;
        }
    }

    /**
     * Starts a context for {@code response}. What runs prompt files (the engine, tests of PromptSpec itself) builds
     * contexts; evaluators never need to.
     *
     * @param response the model's answer as evaluators see it: trimmed
     */
    @API(status = INTERNAL, since = "0.1")
    public static Builder builder(String response) {
        return new Builder(response);
    }

    /** The model's answer, trimmed (gh-models compares trimmed text). */
    public String response() {
        return response;
    }

    /** The test case's variables, {@code expected} included. */
    public Map<String, String> variables() {
        return variables;
    }

    /** The full model response: token usage, finish reason, the model that answered. */
    public ModelResponse model() {
        return model;
    }

    /** The testData entry. */
    public TestCase testCase() {
        return testCase;
    }

    /** The prompt file. */
    public PromptFile file() {
        return file;
    }

    /** Calls a model to grade the response (model-graded evaluators); never null. */
    public JudgeModel judge() {
        return judge;
    }

    /** The response in {@code form} (its Markdown tree, say), parsed once for all evaluators of this case. */
    public <T> T parsed(ResponseForms.Form<T> form) {
        return forms.get(form);
    }

    /** The response's parsed forms, shared by the evaluators of this case. */
    ResponseForms forms() {
        return forms;
    }

    @Override
    public String toString() {
        return "EvaluationContext[" + Texts.quote(response, 60) + ", variables " + variables.keySet() + "]";
    }

    /** Builds a context; every part but the response is optional. */
    @API(status = INTERNAL, since = "0.1")
    public static final class Builder {

        private final String response;
        private Map<String, String> variables;
        private ModelResponse model;
        private TestCase testCase;
        private PromptFile file;
        private JudgeModel judge;
        private ResponseForms forms;

        private Builder(String response) {
            this.response = response;
        }

        /** The test case's variables (default: none). */
        public Builder variables(Map<String, String> variables) {
            this.variables = variables;
            return this;
        }

        /** The full model response. */
        public Builder model(ModelResponse model) {
            this.model = model;
            return this;
        }

        /** The testData entry. */
        public Builder testCase(TestCase testCase) {
            this.testCase = testCase;
            return this;
        }

        /** The prompt file. */
        public Builder file(PromptFile file) {
            this.file = file;
            return this;
        }

        /** The judge model (default: one whose every call fails, saying that none is configured). */
        public Builder judge(JudgeModel judge) {
            this.judge = judge;
            return this;
        }

        /** Parsed forms to share with another context of the same response (default: new, empty ones). */
        public Builder forms(ResponseForms forms) {
            this.forms = forms;
            return this;
        }

        /**
         * The context.
         *
         * @throws IllegalArgumentException when {@link #forms} are of another response
         */
        public EvaluationContext build() {
            return new EvaluationContext(this);
        }
    }
}
