package dev.promptspec.eval;

import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.problem.InvalidConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Typed, strict reads of an evaluator's settings: an unknown key or a wrong type is an error at its
 * line, with a suggestion, because a misspelt check that silently checks nothing is worse than none.
 */
public final class ConfigReader {

    private final YamlMap map;
    private final String where;

    /** @param where how messages name the settings: {@code "markdown evaluator 'Risks'"} */
    public ConfigReader(YamlMap map, String where) {
        this.map = map;
        this.where = where;
    }

    /** The settings as written. */
    public YamlMap map() {
        return map;
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

    /** Whether {@code key} is written (even with an empty value). */
    public boolean has(String key) {
        return map.has(key);
    }

    /** The entry of {@code key} with its positions, for settings of a shape the typed reads do not cover. */
    public Optional<YamlMap.Entry> entry(String key) {
        return map.entry(key);
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

    /** A list of texts; a single text counts as a list of one. */
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
