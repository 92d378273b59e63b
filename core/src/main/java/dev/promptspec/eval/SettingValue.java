package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.internal.template.Template;
import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.internal.yaml.YamlValues;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.ProblemCollector;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One value of an evaluator's settings as the prompt file writes it: a text, a number, a boolean, an empty value, a
 * list or a mapping. It remembers where it is written, so a factory that cannot use it says so with
 * {@link #reject(String, String)}, and the error the author reads points at this value's {@code file:line:column}.
 *
 * <p>Typed reads of a mapping's keys ({@link EvaluatorSettings#integer}, {@link EvaluatorSettings#strings}...) cover most
 * settings; this type is for the others: a setting that may be a text or a mapping, a list of mappings, a value passed
 * on as JSON.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SettingValue {

    private final YamlNode node;
    private final ProblemCollector problems;

    SettingValue(YamlNode node, ProblemCollector problems) {
        this.node = Objects.requireNonNull(node);
        this.problems = problems;
    }

    /** An empty value: a key with nothing after the colon, {@code ~} or {@code null}. */
    public boolean isNull() {
        return node instanceof YamlScalar s && s.isNull();
    }

    /** A single value: a text, a number or a boolean (not an empty value, a list or a mapping). */
    public boolean isScalar() {
        return node instanceof YamlScalar s && !s.isNull();
    }

    /** A value YAML reads as text: {@code Risks} or {@code "42"}, not {@code 42}, {@code true} or an empty value. */
    public boolean isText() {
        return node instanceof YamlScalar s && s.isString();
    }

    /** A list ({@code [a, b]} or {@code - } lines). */
    public boolean isList() {
        return node instanceof YamlList;
    }

    /** A mapping ({@code {a: 1}} or indented {@code key: value} lines). */
    public boolean isMapping() {
        return node instanceof YamlMap;
    }

    /**
     * A single value as written: {@code 0.7}, {@code true} and {@code Risks} alike; for an empty value, what stands for it
     * (nothing, {@code ~} or {@code null}).
     *
     * @throws IllegalStateException for a list or a mapping
     */
    public String text() {
        if (node instanceof YamlScalar s) {
            return s.text();
        }
        throw new IllegalStateException("a setting that is " + node.describe() + " has no text");
    }

    /** The value as a boolean, when YAML reads it as one ({@code true}, {@code false}). */
    public Optional<Boolean> asBoolean() {
        return node instanceof YamlScalar s ? s.asBoolean() : Optional.empty();
    }

    /** The value as an {@code int}, when YAML reads it as a whole number that fits. */
    public Optional<Integer> asInteger() {
        return node instanceof YamlScalar s ? s.asInt() : Optional.empty();
    }

    /** The value as a number, when YAML reads it as one (whole or not). */
    public Optional<Double> asNumber() {
        return node instanceof YamlScalar s ? s.asDouble() : Optional.empty();
    }

    /**
     * The items of a list, in order.
     *
     * @throws IllegalStateException when the value is not a list
     */
    public List<SettingValue> items() {
        if (node instanceof YamlList l) {
            return l.items().stream().map(this::child).toList();
        }
        throw new IllegalStateException("a setting that is " + node.describe() + " has no items");
    }

    /**
     * A mapping, to read its keys.
     *
     * @param where how messages name the mapping: {@code "'table' of markdown evaluator 'Risks'"}
     * @throws IllegalStateException when the value is not a mapping (check {@link #isMapping()} first, and reject it
     *                               with a message that says what to write)
     */
    public EvaluatorSettings asSettings(String where) {
        if (node instanceof YamlMap m) {
            return new EvaluatorSettings(m, where, problems);
        }
        throw new IllegalStateException("a setting that is " + node.describe() + " is not a mapping");
    }

    /**
     * The value as plain Java: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null}, and
     * {@code List} and {@code Map} (in the order written) of those.
     */
    public Object toJava() {
        return YamlValues.toJava(node);
    }

    /** The value as compact JSON text ({@code {"type":"object"}}). */
    public String toJson() {
        return YamlValues.toJson(node);
    }

    /** What the value is, in the words messages use: "a mapping", "a list", "a string", "an integer", "an empty value"... */
    public String describe() {
        return node.describe();
    }

    /**
     * The text as a template over the test case's {@code {{variables}}}, to render for each case.
     *
     * @throws IllegalStateException for a list or a mapping
     */
    public SettingTemplate template() {
        return new SettingTemplate(Template.parse(text(), node.position()));
    }

    /**
     * The error that this value cannot be used: throw it from {@link EvaluatorFactory#create}. The file fails to load
     * with the message at this value's line and column.
     *
     * @param message what is wrong, naming the setting and the evaluator ("'max' in wordBudget evaluator 'Short' must be
     *                at least 1, not 0")
     * @param fix     what to write instead, or null
     */
    public InvalidConfigException reject(String message, String fix) {
        return new InvalidConfigException(node.position(), message, fix);
    }

    /**
     * Reports a problem with this value that does not stop the file (a setting that has no effect), at its line and
     * column.
     */
    public void warn(String message, String fix) {
        problems.warning(node.position(), message, fix);
    }

    /** The value as written ("a string 'Risks'", "a mapping"), for debugging. */
    @Override
    public String toString() {
        return node instanceof YamlScalar s ? describe() + " '" + s.text() + "'" : describe();
    }

    SettingValue child(YamlNode child) {
        return new SettingValue(child, problems);
    }

    YamlNode node() {
        return node;
    }
}
