package dev.promptspec.eval.uses;

import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.NamedEvaluators;
import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.Position;
import java.util.List;
import java.util.Optional;

/** Resolves {@code uses: java:<name>} against the run's (and the test class's) named evaluators. */
final class JavaEvaluatorReference {

    static final String HOW_TO_ADD = "Annotate a static method of the @PromptSpec class with @PromptEvaluator"
            + " (static boolean name(String response) or static Verdict name(EvaluationContext context)),"
            + " or register a dev.promptspec.eval.NamedEvaluator in META-INF/services/dev.promptspec.eval.NamedEvaluator";

    private JavaEvaluatorReference() {
    }

    static Evaluator resolve(EvaluatorDefinition def, String name, Position at, YamlMap settings) throws InvalidConfigException {
        if (settings != null) {
            Optional<YamlMap.Entry> extra = settings.entryList().stream().filter(e -> !e.key().equals("uses")).findFirst();
            if (extra.isPresent()) {
                throw new InvalidConfigException(extra.get().keyPosition(), "'" + extra.get().key() + "' is not a setting of java:"
                        + name + "; Java evaluators referenced by name take no settings",
                        "Remove it, or write an EvaluatorFactory (a new evaluator kind) to read settings from YAML");
            }
        }
        if (name.isEmpty()) {
            throw new InvalidConfigException(at, "'uses: java:' of evaluator '" + def.name() + "' names no evaluator", HOW_TO_ADD);
        }
        NamedEvaluators named = def.registry().named();
        Optional<NamedEvaluators.Entry> found = named.find(name);
        if (found.isPresent()) {
            return found.get().evaluator();
        }
        Optional<String> why = named.whyUnusable(name);
        if (why.isPresent()) {
            throw new InvalidConfigException(at, "java:" + name + " cannot be used: " + why.get(), HOW_TO_ADD);
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
        throw new InvalidConfigException(at, "no Java evaluator named '" + name + "'" + Suggestions.didYouMean(name, available),
                fix.toString());
    }
}
