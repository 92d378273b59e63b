package dev.promptspec.eval.json;

import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.Verdict;
import dev.promptspec.problem.MissingVariableException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the response as JSON (once per test case, shared with the case's other JSON evaluators), then runs its checks
 * (rendering {@code {{variables}}} of expected values first).
 */
final class JsonEvaluator implements Evaluator {

    private final boolean stripFence;
    private final List<PendingCheck> checks;

    JsonEvaluator(boolean stripFence, List<PendingCheck> checks) {
        this.stripFence = stripFence;
        this.checks = List.copyOf(checks);
    }

    @Override
    public Verdict evaluate(EvaluationContext context) throws MissingVariableException {
        JsonResponse json = context.parsed(JsonResponse.form(stripFence));
        if (!json.isValid()) {
            return json.validity();
        }
        List<JsonCheck> resolved = new ArrayList<>();
        for (PendingCheck c : checks) {
            resolved.add(c.resolve(context));
        }
        return JsonChecks.run(json, resolved);
    }

    @Override
    public Set<String> variablesUsed() {
        Set<String> used = new LinkedHashSet<>();
        checks.forEach(c -> used.addAll(c.variables()));
        return used;
    }
}
