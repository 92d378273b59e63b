package dev.promptspec.promptfile;

import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import java.util.Collection;
import java.util.Optional;

/**
 * Typed reads from one mapping; a value of the wrong type becomes a problem at the value's position
 * and reads as absent, so loading goes on and reports everything.
 */
final class Fields {

    private final YamlMap map;
    private final ProblemCollector problems;
    private final String where;

    Fields(YamlMap map, ProblemCollector problems, String where) {
        this.map = map;
        this.problems = problems;
        this.where = where;
    }

    Optional<YamlMap.Entry> entry(String... spellings) {
        return map.entry(spellings);
    }

    /** A string; numbers and booleans are taken as written (YAML users rarely quote {@code version: 1.0}). */
    Optional<String> string(String... spellings) {
        return entry(spellings).flatMap(e -> {
            if (e.value() instanceof YamlScalar s) {
                return s.isNull() ? Optional.empty() : Optional.of(s.text());
            }
            typeError(e, "a text");
            return Optional.empty();
        });
    }

    Optional<Double> number(String... spellings) {
        return entry(spellings).flatMap(e -> {
            if (e.value() instanceof YamlScalar s) {
                if (s.isNull()) {
                    return Optional.empty();
                }
                Optional<Double> d = s.asDouble();
                if (d.isPresent()) {
                    return d;
                }
            }
            typeError(e, "a number");
            return Optional.empty();
        });
    }

    Optional<Integer> integer(String... spellings) {
        return entry(spellings).flatMap(e -> {
            if (e.value() instanceof YamlScalar s) {
                if (s.isNull()) {
                    return Optional.empty();
                }
                Optional<Integer> i = s.asInt();
                if (i.isPresent()) {
                    return i;
                }
            }
            typeError(e, "a whole number");
            return Optional.empty();
        });
    }

    Optional<Boolean> bool(String... spellings) {
        return entry(spellings).flatMap(e -> {
            if (e.value() instanceof YamlScalar s) {
                if (s.isNull()) {
                    return Optional.empty();
                }
                Optional<Boolean> b = s.asBoolean();
                if (b.isPresent()) {
                    return b;
                }
            }
            typeError(e, "true or false");
            return Optional.empty();
        });
    }

    Optional<YamlList> list(String... spellings) {
        return entry(spellings).flatMap(e -> {
            if (e.value() instanceof YamlList l) {
                return Optional.of(l);
            }
            if (e.value() instanceof YamlScalar s && s.isNull()) {
                return Optional.empty();
            }
            typeError(e, "a list (lines starting with '- ')");
            return Optional.empty();
        });
    }

    Optional<YamlMap> map(String... spellings) {
        return entry(spellings).flatMap(e -> {
            if (e.value() instanceof YamlMap m) {
                return Optional.of(m);
            }
            if (e.value() instanceof YamlScalar s && s.isNull()) {
                return Optional.empty();
            }
            typeError(e, "a mapping (indented 'key: value' lines)");
            return Optional.empty();
        });
    }

    /**
     * Reports the keys outside {@code known}. A near miss of a known key is an error whatever {@code othersAreErrors} says:
     * as written it does nothing (gh-models ignores it too), which is never what its author meant. Any other key is an
     * error where the keys are PromptSpec's own, or, where gh-models ignores keys it does not know, a warning that it
     * is ignored.
     *
     * @param foreign keys other tools define that are never taken for a misspelling ({@code top_k} is not {@code top_p})
     */
    void checkKeys(Collection<String> known, Collection<String> foreign, boolean othersAreErrors, String fix) {
        for (YamlMap.Entry e : map.entryList()) {
            if (known.contains(e.key())) {
                continue;
            }
            Optional<String> close = foreign.contains(e.key()) ? Optional.empty() : Suggestions.closest(e.key(), known);
            String msg = "unknown key '" + e.key() + "' in " + where;
            if (close.isPresent()) {
                problems.error(e.keyPosition(), msg + " — did you mean '" + close.get() + "'?", fix);
            } else if (othersAreErrors) {
                problems.error(e.keyPosition(), msg, fix);
            } else {
                problems.warning(e.keyPosition(), msg + " is ignored", fix);
            }
        }
    }

    private void typeError(YamlMap.Entry e, String wanted) {
        problems.error(valuePosition(e), "'" + e.key() + "' in " + where + " must be " + wanted + ", not " + e.value().describe(),
                fixFor(wanted));
    }

    private static String fixFor(String wanted) {
        if (wanted.startsWith("a text")) {
            return "Write the text after the colon (quote it if it starts with a special character; use '|' for several lines)";
        }
        if (wanted.startsWith("a number")) {
            return "Write a number such as 0.7, without quotes";
        }
        if (wanted.startsWith("a whole number")) {
            return "Write a whole number such as 256, without quotes";
        }
        if (wanted.startsWith("true")) {
            return "Write true or false";
        }
        if (wanted.startsWith("a list")) {
            return "Write each item on its own line starting with '- ', indented under the key";
        }
        return "Indent 'key: value' lines under the key";
    }

    static Position valuePosition(YamlMap.Entry e) {
        return e.value() instanceof YamlScalar s && s.isNull() ? e.keyPosition() : e.value().position();
    }

    static Position valuePosition(YamlNode node) {
        return node.position();
    }
}
