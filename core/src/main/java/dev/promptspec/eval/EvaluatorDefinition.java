package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.internal.template.Template;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import dev.promptspec.promptfile.PromptSource;
import org.apiguardian.api.API;

/**
 * What an {@link EvaluatorFactory} gets to build one evaluator: its name, its settings as written under its kind, and
 * the prompt file it is in.
 *
 * <pre>{@code
 * evaluators:
 *   - name: At most 120 words     # name()
 *     wordBudget:                 # kind()
 *       max: 120                  # settings(): integer("max", 1) is 120
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EvaluatorDefinition {

    private final String name;
    private final String kind;
    private final YamlNode config;
    private final Position position;
    private final PromptSource source;
    private final EvaluatorRegistry registry;
    private final ProblemCollector problems;

    /**
     * @param config   the kind's settings as written
     * @param position where the evaluator entry starts
     * @param registry every known kind, for evaluators that wrap others ({@code not:})
     * @param problems where warnings about the settings go
     */
    EvaluatorDefinition(String name, String kind, YamlNode config, Position position, PromptSource source,
            EvaluatorRegistry registry, ProblemCollector problems) {
        this.name = name;
        this.kind = kind;
        this.config = config;
        this.position = position;
        this.source = source;
        this.registry = registry;
        this.problems = problems;
    }

    /** The evaluator's {@code name}, unique in its file. */
    public String name() {
        return name;
    }

    /** The kind it is declared with: the YAML key ({@code wordBudget}), or the {@code type:} of the seed format's form. */
    public String kind() {
        return kind;
    }

    /**
     * What is written under the kind, whatever its shape: a mapping ({@code regex: {pattern: x}}), or a single value for
     * kinds with a short form ({@code regex: "CQRS"}).
     */
    public SettingValue value() {
        return new SettingValue(config, problems);
    }

    /**
     * The settings, which must be a mapping: otherwise an error, at the value, saying that the kind needs its settings
     * as {@code key: value} lines. Messages of the typed reads name them {@code "<kind> evaluator '<name>'"}.
     */
    public EvaluatorSettings settings() throws InvalidConfigException {
        if (config instanceof YamlMap m) {
            return new EvaluatorSettings(m, kind + " evaluator '" + name + "'", problems);
        }
        throw new InvalidConfigException(config.position(),
                "'" + kind + "' evaluator '" + name + "' needs its settings as a mapping, not " + config.describe(),
                "Indent its settings under '" + kind + ":' as key: value lines");
    }

    /** The prompt file: files a setting names (a schema) resolve against its {@link PromptSource#directory()}. */
    public PromptSource source() {
        return source;
    }

    /**
     * A template that is not written in the file (a default such as {@code "{{input}}"}): its messages place it at this
     * evaluator.
     */
    public SettingTemplate template(String text) {
        return new SettingTemplate(Template.parse(text, position));
    }

    /**
     * The evaluator of another kind that these settings hold, built by that kind's factory, for kinds that wrap one
     * ({@code not: {string: {contains: x}}}). An unknown kind is an error at {@code kind}.
     *
     * @param kind     where the kind is named: a key ({@link EvaluatorSettings#keyOf}) or a value ({@code type: regex})
     * @param settings what is written for that kind
     */
    public Evaluator create(SettingValue kind, SettingValue settings) throws InvalidConfigException {
        Position at = kind.node().position();
        return registry.create(new EvaluatorDefinition(name, kind.text().trim(), settings.node(), at, source, registry, problems));
    }

    /**
     * The error that the evaluator as a whole cannot be built ("wordBudget needs 'max'"), at the start of its entry.
     *
     * @see SettingValue#reject(String, String)
     */
    public InvalidConfigException reject(String message, String fix) {
        return new InvalidConfigException(position, message, fix);
    }

    /** Reports a problem that does not stop the file, at the start of the evaluator's entry. */
    public void warn(String message, String fix) {
        problems.warning(position, message, fix);
    }

    /** The Java evaluators {@code uses: java:<name>} may reference here. */
    @API(status = INTERNAL, since = "0.1")
    public NamedEvaluators namedEvaluators() {
        return registry.named();
    }

    @Override
    public String toString() {
        return kind + " evaluator '" + name + "'";
    }
}
