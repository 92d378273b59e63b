package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.internal.template.Template;
import dev.promptspec.problem.MissingVariableException;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A setting's text with the test case's {@code {{variables}}} ({@code contains: "{{expected}}"}), parsed when the file
 * loads and rendered by the evaluator for each case. Rendering substitutes in one pass: a value that itself holds
 * {@code {{...}}} is inserted as it is.
 *
 * <p>An evaluator that renders templates reports their {@link #variables()} in {@link Evaluator#variablesUsed()}, so that
 * PromptSpec knows which testData keys are read.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SettingTemplate {

    private final Template template;

    SettingTemplate(Template template) {
        this.template = template;
    }

    /** The text as written, placeholders included. */
    public String text() {
        return template.source();
    }

    /** The variables a test case must provide, in order of first use. */
    public Set<String> variables() {
        return template.variables();
    }

    /**
     * The text with every variable replaced by its value in {@code variables}.
     *
     * @throws MissingVariableException naming every variable the template reads that {@code variables} lacks, and where
     *                                  the template is written; let it propagate, and the check fails as one that
     *                                  could not check (never as a verdict that {@code not:} could turn into a pass)
     */
    public String render(Map<String, String> variables) throws MissingVariableException {
        return template.render(variables);
    }

    /** {@link #render(Map)} with the test case's variables. */
    public String render(EvaluationContext context) throws MissingVariableException {
        return render(context.variables());
    }

    /** The text as written. */
    @Override
    public String toString() {
        return text();
    }
}
