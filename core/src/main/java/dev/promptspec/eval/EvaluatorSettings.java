package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.internal.template.Template;
import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.internal.yaml.YamlValues;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.ProblemCollector;
import dev.promptspec.promptfile.ModelParametersReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The settings of an evaluator, a mapping of keys to values as the prompt file writes them
 * ({@code wordBudget: {max: 120}}), with strict typed reads: an unknown key or a value of the wrong type is an error at
 * its {@code file:line:column} with a fix, because a misspelt check that silently checks nothing is worse than none.
 * Values come out as plain Java values, {@link SettingTemplate}s or {@link SettingValue}s; where they are written stays
 * inside, and {@link SettingValue#reject} and {@link #keyOf}{@code (key).reject} point errors at them.
 *
 * <p>Every read is of a key of this mapping; a nested mapping is read with {@link SettingValue#asSettings(String)}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EvaluatorSettings {

    private final YamlMap map;
    private final String where;
    private final ProblemCollector problems;

    EvaluatorSettings(YamlMap map, String where, ProblemCollector problems) {
        this.map = map;
        this.where = where;
        this.problems = problems;
    }

    /** How messages name these settings: {@code "markdown evaluator 'Risks'"}. */
    public String where() {
        return where;
    }

    /** The keys, in the order written. */
    public List<String> keys() {
        return List.copyOf(map.keys());
    }

    /** Whether {@code key} is written (even with an empty value). */
    public boolean has(String key) {
        return map.has(key);
    }

    /** The value of {@code key} as written, for settings of a shape the typed reads do not cover. */
    public Optional<SettingValue> get(String key) {
        return map.get(key).map(this::value);
    }

    /**
     * The key itself as written, a text value whose {@link SettingValue#reject} and {@link SettingValue#warn} point at
     * the key rather than at its value ("'x' is not checked", "unknown key 'x'").
     *
     * @throws IllegalArgumentException when {@code key} is not written
     */
    public SettingValue keyOf(String key) {
        YamlMap.Entry e = map.entry(key).orElseThrow(() -> new IllegalArgumentException("no key '" + key + "' in " + where));
        return value(new YamlScalar(e.key(), YamlScalar.Type.STRING, e.keyPosition()));
    }

    /** Fails on the first key outside {@code keys}, at its line, suggesting the nearest known key. */
    public void allowOnly(Collection<String> keys) throws InvalidConfigException {
        for (YamlMap.Entry e : map.entryList()) {
            if (!keys.contains(e.key())) {
                throw new InvalidConfigException(e.keyPosition(), "unknown key '" + e.key() + "' in " + where
                        + Suggestions.didYouMean(e.key(), keys), "Known keys: " + String.join(", ", keys));
            }
        }
    }

    /** A text; numbers and booleans as written. Empty when absent or empty; a mapping or a list is an error. */
    public Optional<String> string(String key) throws InvalidConfigException {
        Optional<YamlMap.Entry> e = map.entry(key);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        if (e.get().value() instanceof YamlScalar s) {
            return s.isNull() ? Optional.empty() : Optional.of(s.text());
        }
        throw typeError(e.get(), "a text");
    }

    /** {@code true} or {@code false}; empty when absent or empty, anything else is an error. */
    public Optional<Boolean> bool(String key) throws InvalidConfigException {
        Optional<YamlMap.Entry> e = map.entry(key);
        if (e.isEmpty() || e.get().value() instanceof YamlScalar s && s.isNull()) {
            return Optional.empty();
        }
        if (e.get().value() instanceof YamlScalar s && s.asBoolean().isPresent()) {
            return s.asBoolean();
        }
        throw typeError(e.get(), "true or false");
    }

    /** A whole number of at least {@code min}; empty when absent or empty, anything else is an error. */
    public Optional<Integer> integer(String key, int min) throws InvalidConfigException {
        Optional<YamlMap.Entry> e = map.entry(key);
        if (e.isEmpty() || e.get().value() instanceof YamlScalar s && s.isNull()) {
            return Optional.empty();
        }
        if (e.get().value() instanceof YamlScalar s && s.asInt().isPresent()) {
            int v = s.asInt().get();
            if (v < min) {
                throw new InvalidConfigException(s.position(), "'" + e.get().key() + "' in " + where + " must be at least " + min
                        + ", not " + v, "Use a whole number of at least " + min);
            }
            return Optional.of(v);
        }
        throw typeError(e.get(), "a whole number");
    }

    /** A number from {@code min} to {@code max}; empty when absent or empty, anything else is an error. */
    public Optional<Double> number(String key, double min, double max) throws InvalidConfigException {
        Optional<YamlMap.Entry> e = map.entry(key);
        if (e.isEmpty() || e.get().value() instanceof YamlScalar s && s.isNull()) {
            return Optional.empty();
        }
        if (e.get().value() instanceof YamlScalar s && s.asDouble().isPresent()) {
            double v = s.asDouble().get();
            if (v < min || v > max) {
                throw new InvalidConfigException(s.position(), "'" + e.get().key() + "' in " + where + " must be between "
                        + plain(min) + " and " + plain(max) + ", not " + s.text(), "Use a value from " + plain(min) + " to " + plain(max));
            }
            return Optional.of(v);
        }
        throw typeError(e.get(), "a number");
    }

    /** A list of texts; a single text counts as a list of one. Empty when absent or empty. */
    public Optional<List<String>> strings(String key) throws InvalidConfigException {
        Optional<YamlMap.Entry> e = map.entry(key);
        if (e.isEmpty() || e.get().value() instanceof YamlScalar s && s.isNull()) {
            return Optional.empty();
        }
        YamlNode v = e.get().value();
        if (v instanceof YamlScalar s) {
            return Optional.of(List.of(s.text()));
        }
        if (v instanceof YamlList l) {
            List<String> out = new ArrayList<>();
            for (YamlNode item : l.items()) {
                if (item instanceof YamlScalar s && !s.isNull()) {
                    out.add(s.text());
                } else {
                    throw new InvalidConfigException(item.position(), "entries of '" + e.get().key() + "' in " + where
                            + " must be texts, not " + item.describe(), "Write each entry as a text; quote it if it starts with a special character");
                }
            }
            return Optional.of(out);
        }
        throw typeError(e.get(), "a list of texts");
    }

    /**
     * {@link #string(String)} as a template over the test case's {@code {{variables}}}, rendered per case by the
     * evaluator. Empty when absent or empty.
     */
    public Optional<SettingTemplate> template(String key) throws InvalidConfigException {
        Optional<String> text = string(key);
        return text.map(t -> new SettingTemplate(Template.parse(t, map.get(key).orElseThrow().position())));
    }

    /** {@link #strings(String)}, each a template over the test case's {@code {{variables}}}. Empty when absent or empty. */
    public Optional<List<SettingTemplate>> templates(String key) throws InvalidConfigException {
        Optional<List<String>> texts = strings(key);
        if (texts.isEmpty()) {
            return Optional.empty();
        }
        YamlNode at = map.get(key).orElseThrow();
        return Optional.of(texts.get().stream().map(t -> new SettingTemplate(Template.parse(t, at.position()))).toList());
    }

    /**
     * Model parameters (a judge's sampling parameters, say) read as the file's own {@code modelParameters} are: the same
     * keys and spellings, the same warnings. {@link ModelParameters#NONE} when absent or empty; a value that is not a
     * mapping is an error. A parameter that cannot be used is a warning at its line and reads as unset.
     */
    public ModelParameters modelParameters(String key) throws InvalidConfigException {
        Optional<YamlMap.Entry> entry = map.entry(key);
        if (entry.isEmpty() || entry.get().value() instanceof YamlScalar s && s.isNull()) {
            return ModelParameters.NONE;
        }
        if (!(entry.get().value() instanceof YamlMap parameters)) {
            throw new InvalidConfigException(entry.get().value().position(), "'" + key + "' in " + where + " must be a mapping of"
                    + " parameters (temperature: 0, maxTokens: 300...), not " + entry.get().value().describe(),
                    "Indent the parameters under " + key + ":");
        }
        return ModelParametersReader.read(parameters, key + " of " + where, problems);
    }

    /** These settings without {@code key}: what a kind that reads one key itself hands on to another. */
    public EvaluatorSettings without(String key) {
        Map<String, YamlMap.Entry> rest = new LinkedHashMap<>(map.entries());
        rest.remove(key);
        return new EvaluatorSettings(new YamlMap(rest, map.position()), where, problems);
    }

    /** These settings as one value (a mapping), to hand on whole, for example to {@link EvaluatorDefinition#create}. */
    public SettingValue asValue() {
        return value(map);
    }

    /** The settings as plain Java: a map, in the order written, of the values {@link SettingValue#toJava()} gives. */
    public Map<String, Object> toJava() {
        @SuppressWarnings("unchecked") // a mapping's plain form is always a map with text keys
        Map<String, Object> java = (Map<String, Object>) YamlValues.toJava(map);
        return java;
    }

    /**
     * The error that these settings as a whole cannot be used ("has nothing to check"), at the start of the mapping.
     *
     * @see SettingValue#reject(String, String)
     */
    public InvalidConfigException reject(String message, String fix) {
        return asValue().reject(message, fix);
    }

    private SettingValue value(YamlNode node) {
        return new SettingValue(node, problems);
    }

    private InvalidConfigException typeError(YamlMap.Entry e, String wanted) {
        return new InvalidConfigException(e.value().position(), "'" + e.key() + "' in " + where + " must be " + wanted
                + ", not " + e.value().describe(), switch (wanted) {
                    case "true or false" -> "Write true or false";
                    case "a whole number" -> "Write a whole number, without quotes";
                    case "a number" -> "Write a number such as 0.7, without quotes";
                    case "a list of texts" -> "Write a text, or a list of texts: [a, b]";
                    default -> "Write the text after the colon; quote it if it starts with a special character";
                });
    }

    private static String plain(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
