package dev.promptspec.eval.uses;

import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.judge.BuiltInJudgeFactory;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.util.Suggestions;
import dev.promptspec.yaml.Position;
import dev.promptspec.yaml.YamlMap;
import dev.promptspec.yaml.YamlNode;
import dev.promptspec.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code uses:} names an evaluator defined elsewhere: {@code github/<metric>} for the built-in judges
 * (gh-models' names), {@code java:<name>} for an evaluator written in Java. The entry's other keys are that
 * evaluator's settings ({@code threshold}, {@code modelId}...).
 */
public final class UsesEvaluatorFactory implements EvaluatorFactory {

    public static final String JAVA_PREFIX = "java:";

    @Override
    public String kind() {
        return "uses";
    }

    @Override
    public Evaluator create(EvaluatorDefinition def) throws InvalidConfigException {
        YamlScalar value;
        YamlMap settings = null;
        if (def.config() instanceof YamlMap m) {
            // the loader passes the whole entry (minus name, description, weight) so siblings of uses: are settings
            settings = m;
            YamlNode v = m.get("uses").orElse(null);
            value = v instanceof YamlScalar s ? s : null;
            if (value == null) {
                throw new InvalidConfigException(v != null ? v.position() : m.position(), "'uses' of evaluator '" + def.name()
                        + "' must name an evaluator (github/coherence, java:myCheck...), not " + (v == null ? "nothing" : v.describe()), "");
            }
        } else {
            value = def.configScalar();
        }
        String uses = value == null ? "" : value.text().strip();
        Position at = value == null ? def.config().position() : value.position();
        if (uses.isEmpty()) {
            throw new InvalidConfigException(at, "'uses' of evaluator '" + def.name() + "' is empty", "Write uses: github/<metric> or uses: java:<name>");
        }
        if (BuiltInJudgeFactory.handles(uses)) {
            return BuiltInJudgeFactory.create(def, uses, at, settings);
        }
        if (uses.startsWith(JAVA_PREFIX)) {
            return JavaEvaluatorReference.resolve(def, uses.substring(JAVA_PREFIX.length()).strip(), at, settings);
        }
        List<String> known = new ArrayList<>(BuiltInJudgeFactory.names());
        def.registry().named().names().forEach(n -> known.add(JAVA_PREFIX + n));
        throw new InvalidConfigException(at, "unknown evaluator '" + uses + "' in uses:" + Suggestions.didYouMean(uses, known),
                "uses: takes a built-in judge (" + String.join(", ", BuiltInJudgeFactory.names())
                        + ") or java:<name> for an evaluator written in Java");
    }
}
