package dev.promptspec.run;

import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import dev.promptspec.promptfile.MessageTemplate;
import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.promptfile.TestCase;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Once the evaluators are built, the file knows every variable it reads: checks the test data against it.
 * A testData key nothing reads is usually a typo of one that is read ({@code topc:} for {@code {{topic}}}, a warning:
 * gh-models runs the file), or of an entry key ({@code expeted:} for {@code expected:}, an error: the check it meant
 * silently never runs); an evaluator that reads a variable no entry provides cannot check anything.
 */
final class VariableUsage {

    /** Keys that describe an entry rather than feed the prompt; never reported as unused. */
    static final Set<String> DESCRIPTIVE_KEYS = Set.of("name", "description", "tags", "category", "id", "notes", "comment",
            "expected");
    /** Variables evaluators get from the run, not from the entry (gh-models' judges read {{completion}}). */
    static final Set<String> SUPPLIED_BY_RUN = Set.of("completion", "response");

    private VariableUsage() {
    }

    static void check(PromptFile file, List<CompiledPrompt.ConfiguredEvaluator> evaluators, ProblemCollector problems) {
        Set<String> read = new LinkedHashSet<>();
        for (MessageTemplate m : file.messages()) {
            read.addAll(m.content().variables());
            read.addAll(m.content().optionalVariables());
        }
        Set<String> provided = new LinkedHashSet<>();
        file.testData().forEach(tc -> provided.addAll(tc.variables().keySet()));
        for (CompiledPrompt.ConfiguredEvaluator e : evaluators) {
            Set<String> used = e.evaluator().variablesUsed();
            read.addAll(used);
            if (file.testData().isEmpty()) {
                continue;
            }
            for (String v : used) {
                if (!provided.contains(v) && !SUPPLIED_BY_RUN.contains(v) && !v.equals("expected")) {
                    problems.warning(e.spec().position(), "evaluator '" + e.spec().name() + "' uses {{" + v
                            + "}} but no testData entry provides it" + Suggestions.didYouMean(v, provided),
                            "Add '" + v + ":' to the entries, or a value for every entry under defaults:");
                }
            }
        }
        Set<String> declared = new LinkedHashSet<>();
        file.variables().forEach(d -> declared.add(d.name())); // declared under variables:, reported there if at all
        // Each unused key with the places it is written: a key of defaults: is one place, however many entries inherit it.
        Map<String, Set<Position>> unused = new LinkedHashMap<>();
        for (TestCase tc : file.testData()) {
            for (String key : tc.variables().keySet()) {
                if (!read.contains(key) && !DESCRIPTIVE_KEYS.contains(key) && !declared.contains(key)) {
                    unused.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(tc.positionOf(key));
                }
            }
        }
        unused.forEach((key, places) -> {
            Position at = places.iterator().next();
            Optional<String> entryKey = TestCase.ENTRY_KEYS.contains(key) ? Optional.empty()
                    : Suggestions.closest(key, TestCase.ENTRY_KEYS);
            if (entryKey.isPresent()) {
                // An entry's keys are its variables, so a misspelt 'expected:' is a variable nothing reads: the check it
                // meant never runs, and nothing else would say so.
                problems.error(at, "testData key '" + key + "' is not read by any message or evaluator — did you mean '"
                        + entryKey.get() + "'?", "Rename it to '" + entryKey.get() + "'" + (places.size() > 1 ? " in the "
                        + places.size() + " entries that have it" : "") + ": as written it is only a variable, which nothing reads");
                return;
            }
            problems.warning(at, "testData key '" + key + "' is not used by any message or evaluator"
                    + Suggestions.didYouMean(key, read), "Rename it to the {{variable}} it is meant for, or remove it"
                    + " (descriptive keys " + String.join(", ", DESCRIPTIVE_KEYS.stream().sorted().toList()) + " are never reported)");
        });
    }
}
