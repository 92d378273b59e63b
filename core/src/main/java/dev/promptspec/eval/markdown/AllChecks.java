package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Every check holds; the detail names each that did not (or, when all hold, what each found). */
record AllChecks(List<MarkdownCheck> checks) implements MarkdownCheck {

    AllChecks {
        checks = List.copyOf(checks);
    }

    @Override
    public String expectation() {
        return String.join(" and ", checks.stream().map(MarkdownCheck::expectation).toList());
    }

    @Override
    public Verdict check(MarkdownRegion region) {
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        for (MarkdownCheck c : checks) {
            Verdict v = c.check(region);
            (v.passed() ? passes : failures).add(v.detail());
        }
        return failures.isEmpty() ? Verdict.pass(String.join("; ", passes)) : Verdict.fail(String.join("; ", failures));
    }
}
