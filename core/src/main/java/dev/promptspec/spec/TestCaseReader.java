package dev.promptspec.spec;

import dev.promptspec.problem.Problem;
import dev.promptspec.problem.ProblemCollector;
import dev.promptspec.yaml.Position;
import dev.promptspec.yaml.YamlList;
import dev.promptspec.yaml.YamlMap;
import dev.promptspec.yaml.YamlNode;
import dev.promptspec.yaml.YamlScalar;
import dev.promptspec.yaml.YamlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one {@code testData} entry. Two shapes exist: gh-models' flat entry, where every key is a variable,
 * and the nested one ({@code input: {var: value}} beside {@code expected}). A scalar {@code input} is a
 * variable named {@code input}, as in gh-models' own examples.
 */
final class TestCaseReader {

    private final YamlMap entry;
    private final int index;
    private final List<VariableDeclaration> declared;
    private final ProblemCollector fileProblems;

    TestCaseReader(YamlMap entry, int index, List<VariableDeclaration> declared, ProblemCollector fileProblems) {
        this.entry = entry;
        this.index = index;
        this.declared = declared;
        this.fileProblems = fileProblems;
    }

    TestCase read(Map<String, Integer> namesSeen) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (VariableDeclaration d : declared) {
            if (d.defaultValue() != null) {
                variables.put(d.name(), d.defaultValue());
            }
        }
        String name = null;
        String description = null;
        Set<String> tags = new LinkedHashSet<>();
        String expected = null;
        for (YamlMap.Entry e : entry.entryList()) {
            YamlNode v = e.value();
            switch (e.key()) {
                case "input", "vars" -> {
                    if (v instanceof YamlMap nested) {
                        nested.entries().forEach((k, ne) -> variables.put(k, YamlValues.toText(ne.value())));
                    } else {
                        variables.put(e.key(), YamlValues.toText(v));
                    }
                }
                case "expected" -> {
                    String text = YamlValues.toText(v);
                    variables.put("expected", text);
                    if (v instanceof YamlScalar s && !s.isNull()) {
                        expected = s.text();
                    }
                }
                case "tags" -> tags.addAll(tags(v));
                default -> {
                    if (e.key().equals("name") && v instanceof YamlScalar s && !s.isNull()) {
                        name = s.text().trim();
                    }
                    if (e.key().equals("description") && v instanceof YamlScalar s && !s.isNull()) {
                        description = s.text().trim();
                    }
                    // A flat entry's every key is a variable (gh-models); name and description are too, harmlessly.
                    variables.put(e.key(), YamlValues.toText(v));
                }
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (VariableDeclaration d : declared) {
            if (d.required() && !variables.containsKey(d.name())) {
                problems.add(Problem.error(entry.position(), "testData entry #" + index + " has no value for the required variable '"
                        + d.name() + "' (declared at line " + d.position().line() + ")",
                        "Add '" + d.name() + ":' to this entry" + (hasInput() ? " under input:" : "")));
            }
        }
        String key = key(name, namesSeen);
        return new TestCase(index, key, name, description, variables, expected, tags, problems, entry.position());
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

    private List<String> tags(YamlNode v) {
        List<String> out = new ArrayList<>();
        if (v instanceof YamlScalar s && !s.isNull()) {
            out.add(s.text().trim());
        } else if (v instanceof YamlList l) {
            for (YamlNode i : l.items()) {
                if (i instanceof YamlScalar s && !s.isNull()) {
                    out.add(s.text().trim());
                } else {
                    fileProblems.error(i.position(), "tags must be texts, not " + i.describe(), "");
                }
            }
        } else if (!(v instanceof YamlScalar)) {
            fileProblems.error(v.position(), "'tags' must be a list of texts, not " + v.describe(), "");
        }
        return out;
    }

    static Position position(YamlNode n) {
        return n.position();
    }
}
