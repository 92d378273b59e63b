package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Verdict;
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
        return Verdict.all(checks.stream().map(c -> c.check(region)).toList());
    }
}
