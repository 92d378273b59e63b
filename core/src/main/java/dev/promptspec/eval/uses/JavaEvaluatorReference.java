package dev.promptspec.eval.uses;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.NamedEvaluators;
import dev.promptspec.eval.SettingValue;
import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.problem.InvalidConfigException;
import java.util.List;
import java.util.Optional;

/** Resolves {@code uses: java:<name>} against the run's (and the test class's) named evaluators. */
final class JavaEvaluatorReference {

    static final String HOW_TO_ADD = "Annotate a static method of the @PromptSpec class with @PromptEvaluator"
            + " (static boolean name(String response) or static Verdict name(EvaluationContext context)),"
            + " or register a dev.promptspec.eval.NamedEvaluator in META-INF/services/dev.promptspec.eval.NamedEvaluator";

    private JavaEvaluatorReference() {
    }

    static Evaluator resolve(EvaluatorDefinition def, String name, SettingValue at, EvaluatorSettings settings)
            throws InvalidConfigException {
        if (settings != null) {
            Optional<String> extra = settings.keys().stream().filter(k -> !k.equals("uses")).findFirst();
            if (extra.isPresent()) {
                throw settings.keyOf(extra.get()).reject("'" + extra.get() + "' is not a setting of java:"
                        + name + "; Java evaluators referenced by name take no settings",
                        "Remove it, or write an EvaluatorFactory (a new evaluator kind) to read settings from YAML");
            }
        }
        if (name.isEmpty()) {
            throw at.reject("'uses: java:' of evaluator '" + def.name() + "' names no evaluator", HOW_TO_ADD);
        }
        NamedEvaluators named = def.namedEvaluators();
        Optional<NamedEvaluators.Entry> found = named.find(name);
        if (found.isPresent()) {
            return found.get().evaluator();
        }
        Optional<String> why = named.whyUnusable(name);
        if (why.isPresent()) {
            throw at.reject("java:" + name + " cannot be used: " + why.get(), HOW_TO_ADD);
        }
        List<String> available = named.names().stream().sorted().toList();
        StringBuilder fix = new StringBuilder(available.isEmpty() ? "No Java evaluators are available here. "
                : "Available: " + String.join(", ", available.stream().map(n -> "java:" + n).toList()) + ". ");
        fix.append(HOW_TO_ADD);
        for (String hint : named.hints()) {
            fix.append("\nNote: ").append(hint);
        }
        for (String error : named.loadErrors()) {
            fix.append("\nNote: ").append(error);
        }
        throw at.reject("no Java evaluator named '" + name + "'" + Suggestions.didYouMean(name, available), fix.toString());
    }
}
