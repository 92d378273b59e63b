package dev.promptspec.promptfile;

import dev.promptspec.internal.util.OptionalModules;
import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code evaluators:}. An entry has a {@code name}, optionally {@code description} and {@code weight}, and
 * exactly one kind: either as a key holding the kind's settings ({@code string: {contains: x}}, gh-models' form)
 * or as {@code type: regex} beside the settings (the seed's form). The settings themselves are checked by the
 * kind's factory when the file is compiled.
 */
final class EvaluatorSpecReader {

    static final Set<String> COMMON_KEYS = Set.of("name", "description", "weight");

    private final Map<String, Set<String>> kinds;
    private final ProblemCollector problems;

    /** @param kinds every known kind with the keys of its settings (empty when the kind publishes none) */
    EvaluatorSpecReader(Map<String, Set<String>> kinds, ProblemCollector problems) {
        this.kinds = kinds;
        this.problems = problems;
    }

    List<EvaluatorSpec> read(YamlList list) {
        List<EvaluatorSpec> out = new ArrayList<>();
        Map<String, Position> names = new LinkedHashMap<>();
        int index = 0;
        for (YamlNode item : list.items()) {
            index++;
            if (!(item instanceof YamlMap m)) {
                problems.error(item.position(), "evaluator #" + index + " must be a mapping, not " + item.describe(),
                        "Write it as '- name: ...' with its kind indented below, e.g. string: {contains: ...}");
                continue;
            }
            EvaluatorSpec spec = read(m, index);
            if (spec != null) {
                // The name keys the check's result and its judge's recording (case + judge:<name>): a second evaluator
                // of the same name would overwrite the first's recording, and every replay would then see a changed prompt.
                Position at = m.get("name").map(YamlNode::position).orElse(m.position());
                Position first = names.putIfAbsent(spec.name(), at);
                if (first != null) {
                    problems.error(at, "two evaluators are named '" + spec.name() + "' (the first at line " + first.line() + ")",
                            "Give each evaluator its own name: results, reports and recorded judge calls are told apart by it");
                }
                out.add(spec);
            }
        }
        return out;
    }

    private EvaluatorSpec read(YamlMap m, int index) {
        Fields f = new Fields(m, problems, "an evaluator");
        double weight = f.number("weight").orElse(1.0);
        if (weight < 0) {
            problems.error(f.entry("weight").get().value().position(), "'weight' of " + label(f, index) + " must not be negative, not "
                    + ((YamlScalar) f.entry("weight").get().value()).text(),
                    "Use 0 to keep the check out of the score, or a positive weight");
        }
        String label = label(f, index);
        String kind;
        YamlNode config;
        Position kindPosition;
        Optional<YamlMap.Entry> typeEntry = f.entry("type");
        if (typeEntry.isPresent()) {
            Optional<String> type = f.string("type");
            if (type.isEmpty()) {
                return null;
            }
            kind = type.get().trim();
            kindPosition = typeEntry.get().value().position();
            Map<String, YamlMap.Entry> rest = new LinkedHashMap<>(m.entries());
            rest.keySet().removeAll(COMMON_KEYS);
            rest.remove("type");
            config = new YamlMap(rest, m.position());
        } else if (m.has("uses")) {
            // uses: names an evaluator defined elsewhere (github/..., java:...); the entry's other keys are its
            // settings (threshold:, modelId:...), so the evaluator gets the whole entry.
            kind = "uses";
            kindPosition = f.entry("uses").get().keyPosition();
            Map<String, YamlMap.Entry> rest = new LinkedHashMap<>(m.entries());
            rest.keySet().removeAll(COMMON_KEYS);
            config = new YamlMap(rest, m.position());
        } else {
            List<YamlMap.Entry> candidates = m.entryList().stream().filter(e -> !COMMON_KEYS.contains(e.key())).toList();
            if (candidates.isEmpty()) {
                problems.error(m.position(), label + " says nothing to check",
                        "Add one of: " + String.join(", ", sortedKinds()) + " (e.g. string: {contains: ...})");
                return null;
            }
            List<YamlMap.Entry> unknown = candidates.stream().filter(e -> !kinds.containsKey(e.key())).toList();
            if (!unknown.isEmpty()) {
                for (YamlMap.Entry bad : unknown) {
                    reportUnknownKind(bad.key(), bad.keyPosition(), label);
                }
                return null;
            }
            if (candidates.size() > 1) {
                problems.error(candidates.get(1).keyPosition(), label + " has several kinds ("
                        + String.join(", ", candidates.stream().map(YamlMap.Entry::key).toList()) + ")",
                        "Give each check its own entry under evaluators:");
                return null;
            }
            YamlMap.Entry only = candidates.get(0);
            kind = only.key();
            kindPosition = only.keyPosition();
            config = only.value();
        }
        if (!kinds.containsKey(kind)) {
            reportUnknownKind(kind, kindPosition, label);
            return null;
        }
        String name = f.string("name").orElse(kind + " #" + index);
        return new EvaluatorSpec(name, kind, config, weight, m.position());
    }

    private static String label(Fields f, int index) {
        return f.entry("name").filter(e -> e.value() instanceof YamlScalar s && !s.isNull())
                .map(e -> "evaluator '" + ((YamlScalar) e.value()).text() + "'").orElse("evaluator #" + index);
    }

    /**
     * "unknown evaluator kind": with the closest kind, or, when the word is a setting of some kind (gh-models puts
     * {@code contains} under {@code string:}), with where it belongs.
     */
    private void reportUnknownKind(String word, Position at, String label) {
        Optional<String> module = OptionalModules.forEvaluatorKind(word);
        if (module.isPresent()) {
            problems.error(at, OptionalModules.missingKindMessage(word, module.get()), OptionalModules.dependencyFix(module.get()));
            return;
        }
        Optional<String> closeKind = Suggestions.closest(word, kinds.keySet());
        if (closeKind.isPresent()) {
            problems.error(at, "unknown evaluator kind '" + word + "' in " + label + " — did you mean '" + closeKind.get() + "'?",
                    "Known kinds: " + String.join(", ", sortedKinds()));
            return;
        }
        Optional<String> closeKey = Suggestions.closest(word, COMMON_KEYS);
        if (closeKey.isPresent()) {
            problems.error(at, "unknown key '" + word + "' in " + label + " — did you mean '" + closeKey.get() + "'?",
                    "Besides its kind an evaluator has only " + String.join(", ", COMMON_KEYS.stream().sorted().toList()));
            return;
        }
        // The closest setting of any kind (settings come from the kinds' schemas), with every kind that has it:
        // gh-models' string kind first (contains: under string: is what gh-models' files mean), then alphabetically.
        Map<String, List<String>> kindsOfSetting = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(sortedKinds());
        if (order.remove("string")) {
            order.add(0, "string");
        }
        for (String kind : order) {
            kinds.get(kind).forEach(setting -> kindsOfSetting.computeIfAbsent(setting, s -> new ArrayList<>()).add(kind));
        }
        Optional<String> setting = Suggestions.closest(word, kindsOfSetting.keySet());
        if (setting.isPresent()) {
            List<String> owners = kindsOfSetting.get(setting.get());
            String kind = owners.get(0);
            String same = setting.get().equals(word) ? "'" + word + "' is" : "did you mean '" + setting.get() + "'? It is";
            String others = owners.size() == 1 ? "" : " (also of " + String.join(", ", owners.subList(1, owners.size()).stream()
                    .map(k -> "'" + k + "'").toList()) + ")";
            problems.error(at, "unknown evaluator kind '" + word + "' in " + label + " — " + same + " a setting of the '"
                    + kind + "' kind" + others, "Indent it under '" + kind + ":', e.g. " + kind + ": {" + setting.get() + ": ...}");
            return;
        }
        problems.error(at, "unknown evaluator kind '" + word + "' in " + label,
                "Known kinds: " + String.join(", ", sortedKinds()) + "; besides its kind an evaluator has only "
                        + String.join(", ", COMMON_KEYS.stream().sorted().toList()));
    }

    private List<String> sortedKinds() {
        return kinds.keySet().stream().sorted().toList();
    }
}
