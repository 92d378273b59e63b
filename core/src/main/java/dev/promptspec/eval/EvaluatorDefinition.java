package dev.promptspec.eval;

import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import dev.promptspec.promptfile.PromptSource;

/**
 * What an {@link EvaluatorFactory} gets to build one evaluator.
 *
 * @param name     the evaluator's name
 * @param kind     the kind it was declared with
 * @param config   the kind's settings as written
 * @param position where the evaluator entry starts
 * @param source   the prompt file (relative files such as schemas resolve against it)
 * @param registry every known kind, for evaluators that wrap others ({@code not:})
 * @param problems where warnings about the configuration go
 */
public record EvaluatorDefinition(
        String name,
        String kind,
        YamlNode config,
        Position position,
        PromptSource source,
        EvaluatorRegistry registry,
        ProblemCollector problems) {

    /** The settings as a mapping, or an error saying the kind needs one. */
    public YamlMap configMap() throws InvalidConfigException {
        if (config instanceof YamlMap m) {
            return m;
        }
        throw new InvalidConfigException(config.position(),
                "'" + kind + "' evaluator '" + name + "' needs its settings as a mapping, not " + config.describe(),
                "Indent its settings under '" + kind + ":' as key: value lines");
    }

    /** The settings when they are a single value ({@code regex: "CQRS"}), or null. */
    public YamlScalar configScalar() {
        return config instanceof YamlScalar s && !s.isNull() ? s : null;
    }

    /** Reports a problem that does not stop the file (a setting that has no effect, say), at {@code at}. */
    public void warn(Position at, String message, String fix) {
        problems.warning(at, message, fix);
    }
}
