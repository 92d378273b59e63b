package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Verdict;
import java.util.Optional;

/** The section under a heading exists, and {@code inner} holds within it. */
record SectionCheck(HeadingPattern pattern, MarkdownCheck inner) implements MarkdownCheck {

    @Override
    public String expectation() {
        return "a section " + pattern + (inner instanceof AllChecks all && all.checks().isEmpty() ? "" : " with " + inner.expectation());
    }

    @Override
    public Verdict check(MarkdownRegion region) {
        Optional<MarkdownRegion> section = region.section(pattern);
        if (section.isEmpty()) {
            return Verdict.fail("no section " + pattern + ": no heading in " + region.label() + " matches; "
                    + HeadingCheck.list(region.headings()));
        }
        Verdict v = inner.check(section.get());
        return v.detail().isEmpty() ? new Verdict(v.passed(), v.score(), "has " + section.get().label()) : v;
    }
}
