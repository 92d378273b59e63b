package dev.promptspec.promptfile;

import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.internal.yaml.YamlValues;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import dev.promptspec.problem.ProblemCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one {@code testData} entry (written in the prompt file or read from a data file). Two shapes exist:
 * gh-models' flat entry, where every key is a variable, and the nested one ({@code input: {var: value}} or
 * {@code vars: {var: value}} beside {@code expected}). A scalar {@code input} is a variable named
 * {@code input}, as in gh-models' own examples. Values that are mappings or lists become compact JSON.
 */
final class TestCaseReader {

    /**
     * What every entry starts from: declared variables' defaults, then the file's {@code defaults:}.
     *
     * @param variables variable values every entry gets unless it sets its own
     * @param expected  the default {@code expected}, or null
     * @param tags      tags every entry gets
     * @param positions where the keys of {@code variables} written under {@code defaults:} are
     */
    record EntryDefaults(Map<String, String> variables, String expected, Set<String> tags, Map<String, Position> positions) {

        static final EntryDefaults NONE = new EntryDefaults(Map.of(), null, Set.of(), Map.of());

        /** The defaults of {@code defaults:} (shaped like an entry) on top of the declared variables' defaults. */
        static EntryDefaults of(List<VariableDeclaration> declared, YamlMap defaults, ProblemCollector problems) {
            Map<String, String> variables = new LinkedHashMap<>();
            for (VariableDeclaration d : declared) {
                if (d.defaultValue() != null) {
                    variables.put(d.name(), d.defaultValue());
                }
            }
            if (defaults == null) {
                return new EntryDefaults(variables, null, Set.of(), Map.of());
            }
            for (String key : SamplingKeys.KEYS) {
                defaults.entry(key).ifPresent(e -> problems.error(e.keyPosition(), "'" + key + "' under 'defaults:' is not a default"
                        + " of the entries' variables", "Write " + key + ": at the top level of the file, where it applies to every"
                        + " entry (an entry's own " + key + ": still wins)"));
            }
            Values v = Values.read(defaults, EntryDefaults.NONE, problems);
            if (v.name != null) {
                problems.warning(defaults.entry("name").get().keyPosition(), "'name' under 'defaults:' would give every entry"
                        + " the same name", "Name entries one by one; under defaults: set only variables, expected and tags");
            }
            variables.putAll(v.variables);
            variables.remove("name");
            Map<String, Position> positions = new LinkedHashMap<>(v.positions);
            positions.remove("name");
            return new EntryDefaults(variables, v.expected, v.tags, positions);
        }
    }

    private final YamlMap entry;
    private final int index;
    private final List<VariableDeclaration> declared;
    private final EntryDefaults defaults;
    private final Path dataFile;
    private final ProblemCollector fileProblems;

    TestCaseReader(YamlMap entry, int index, List<VariableDeclaration> declared, EntryDefaults defaults, Path dataFile,
            ProblemCollector fileProblems) {
        this.entry = entry;
        this.index = index;
        this.declared = declared;
        this.defaults = defaults;
        this.dataFile = dataFile;
        this.fileProblems = fileProblems;
    }

    TestCase read(Map<String, Integer> namesSeen) {
        Values v = Values.read(entry, defaults, fileProblems);
        List<Problem> problems = new ArrayList<>();
        for (VariableDeclaration d : declared) {
            if (d.required() && !v.variables.containsKey(d.name())) {
                problems.add(Problem.error(entry.position(), "testData entry #" + index + " has no value for the required variable '"
                        + d.name() + "' (declared at line " + d.position().line() + ")",
                        "Add '" + d.name() + ":' to this entry" + (hasInput() ? " under input:" : "")
                                + ", or give the variable a default"));
            }
        }
        String key = key(v.name, namesSeen);
        SamplingKeys.Read sampling = SamplingKeys.read(entry, "this entry", fileProblems);
        return new TestCase(index, key, v.name, v.description, v.variables, v.expected, v.tags, problems, entry.position(),
                dataFile, v.positions, sampling.settings(), sampling.position());
    }

    private boolean hasInput() {
        return entry.get("input").orElse(null) instanceof YamlMap;
    }

    private String key(String name, Map<String, Integer> namesSeen) {
        if (name == null || name.isBlank()) {
            return "#" + index;
        }
        int seen = namesSeen.merge(name, 1, Integer::sum);
        if (seen == 1) {
            return name;
        }
        fileProblems.warning(entry.position(), "another testData entry is already named '" + name + "'",
                "Give each entry a distinct name: ids and reports tell them apart by name (this one is '" + name + " (" + seen + ")')");
        return name + " (" + seen + ")";
    }

    /** The values of one entry-shaped mapping, on top of the defaults. */
    private static final class Values {
        final Map<String, String> variables = new LinkedHashMap<>();
        final Set<String> tags = new LinkedHashSet<>();
        final Map<String, Position> positions = new LinkedHashMap<>();
        String name;
        String description;
        String expected;

        static Values read(YamlMap map, EntryDefaults defaults, ProblemCollector problems) {
            Values out = new Values();
            out.variables.putAll(defaults.variables());
            out.positions.putAll(defaults.positions());
            out.tags.addAll(defaults.tags());
            if (defaults.expected() != null) {
                out.expected = defaults.expected();
                out.variables.put("expected", defaults.expected());
            }
            for (YamlMap.Entry e : map.entryList()) {
                YamlNode v = e.value();
                switch (e.key()) {
                    case "input", "vars" -> {
                        if (v instanceof YamlMap nested) {
                            nested.entries().forEach((k, ne) -> out.put(k, ne.keyPosition(), YamlValues.toText(ne.value())));
                        } else {
                            out.put(e.key(), e.keyPosition(), YamlValues.toText(v));
                        }
                    }
                    case "expected" -> {
                        out.put("expected", e.keyPosition(), YamlValues.toText(v));
                        out.expected = v instanceof YamlScalar s && !s.isNull() ? s.text() : null;
                    }
                    case "tags" -> out.tags.addAll(tags(v, problems));
                    case "samples", "passRate", "confidence" -> {
                        // sampling settings of the entry (SamplingKeys), not variables
                    }
                    default -> {
                        if (e.key().equals("name") && v instanceof YamlScalar s && !s.isNull()) {
                            out.name = s.text().trim();
                        }
                        if (e.key().equals("description") && v instanceof YamlScalar s && !s.isNull()) {
                            out.description = s.text().trim();
                        }
                        // A flat entry's every key is a variable (gh-models); name and description are too, harmlessly.
                        out.put(e.key(), e.keyPosition(), YamlValues.toText(v));
                    }
                }
            }
            return out;
        }

        private void put(String variable, Position at, String value) {
            variables.put(variable, value);
            positions.put(variable, at);
        }

        private static List<String> tags(YamlNode v, ProblemCollector problems) {
            List<String> out = new ArrayList<>();
            if (v instanceof YamlScalar s && !s.isNull()) {
                out.add(s.text().trim());
            } else if (v instanceof YamlList l) {
                for (YamlNode i : l.items()) {
                    if (i instanceof YamlScalar s && !s.isNull()) {
                        out.add(s.text().trim());
                    } else {
                        problems.error(i.position(), "a tag must be a text, not " + i.describe(), "Write each tag as a word: tags: [smoke, billing]");
                    }
                }
            } else if (!(v instanceof YamlScalar)) {
                problems.error(v.position(), "'tags' must be a list of texts, not " + v.describe(), "Write tags: [smoke, billing]");
            }
            return out;
        }
    }
}
