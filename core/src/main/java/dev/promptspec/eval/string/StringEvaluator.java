package dev.promptspec.eval.string;

import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.SettingTemplate;
import dev.promptspec.eval.Verdict;
import dev.promptspec.problem.MissingVariableException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every condition must hold; the detail names each that did not. */
final class StringEvaluator implements Evaluator {

    private final List<StringCondition> conditions;

    StringEvaluator(List<StringCondition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    @Override
    public Verdict evaluate(EvaluationContext context) throws MissingVariableException {
        List<String> failures = new ArrayList<>();
        List<String> successes = new ArrayList<>();
        for (StringCondition c : conditions) {
            // A missing variable propagates: "could not check" must stay a failure, even under not:
            List<String> rendered = new ArrayList<>();
            for (SettingTemplate t : c.values()) {
                rendered.add(t.render(context));
            }
            String failure = c.failure(context.response(), rendered);
            if (failure == null) {
                successes.add(c.success(rendered));
            } else {
                failures.add(failure);
            }
        }
        return failures.isEmpty() ? Verdict.pass(String.join("; ", successes)) : Verdict.fail(String.join("; ", failures));
    }

    @Override
    public Set<String> variablesUsed() {
        Set<String> used = new LinkedHashSet<>();
        conditions.forEach(c -> c.values().forEach(t -> used.addAll(t.variables())));
        return used;
    }
}
