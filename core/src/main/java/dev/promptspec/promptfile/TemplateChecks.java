package dev.promptspec.promptfile;

import dev.promptspec.internal.template.Template;
import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.problem.ProblemCollector;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the messages' placeholders against the test data, at the line and column of each placeholder: a
 * variable no entry provides (every test would fail: an error), template syntax that would reach the model
 * as written (a warning), and declared variables that no message uses.
 */
final class TemplateChecks {

    private final SourceText text;
    private final ProblemCollector problems;

    TemplateChecks(SourceText text, ProblemCollector problems) {
        this.text = text;
        this.problems = problems;
    }

    void check(List<MessageTemplate> messages, List<VariableDeclaration> declared, List<TestCase> testData) {
        Set<String> used = new LinkedHashSet<>();
        messages.forEach(m -> used.addAll(m.content().variables()));
        for (VariableDeclaration d : declared) {
            if (d.required() && !used.contains(d.name())) {
                problems.warning(d.position(), "variable '" + d.name() + "' is declared required but no message uses {{"
                        + d.name() + "}}", "Use it in a message or remove the declaration");
            }
        }
        Set<String> provided = new LinkedHashSet<>();
        testData.forEach(tc -> provided.addAll(tc.variables().keySet()));
        Set<String> reported = new LinkedHashSet<>();
        for (MessageTemplate m : messages) {
            for (Template.Placeholder p : m.content().placeholders()) {
                if (p.braced()) {
                    problems.warning(text.positionOf(m.content(), p), "'{" + p.raw() + "}' sends the value of " + p.raw()
                            + " between single braces, as gh models does: neither evaluates Mustache's triple braces",
                            "Write " + p.raw() + " to send the value alone, or keep the braces if the model should see them");
                }
                switch (p.kind()) {
                    case SYNTAX -> problems.warning(text.positionOf(m.content(), p), "'" + p.raw() + "' is sent to the model as written: "
                            + p.whyVerbatim(), "Remove it, or use a {{variable}} and give each testData entry the text to insert");
                    case OPTIONAL_VARIABLE -> {
                        if (!testData.isEmpty() && testData.stream().anyMatch(tc -> !tc.variables().containsKey(p.name()))) {
                            problems.warning(text.positionOf(m.content(), p), "'" + p.raw() + "' is sent to the model as written"
                                    + " by entries that have no key '" + p.name() + "': " + p.whyVerbatim(),
                                    "Add '" + p.name() + ":' to every entry, or rename it to a plain {{variable}}");
                        }
                    }
                    case VARIABLE -> {
                        if (!testData.isEmpty() && !provided.contains(p.name()) && reported.add(p.name())) {
                            problems.error(text.positionOf(m.content(), p), "{{" + p.name() + "}} is used but no testData entry provides it"
                                    + Suggestions.didYouMean(p.name(), provided),
                                    "Add '" + p.name() + ":' to the entries, or a value for every entry under defaults:");
                        }
                    }
                    default -> throw new IllegalStateException(p.kind().name());
                }
            }
        }
    }
}
