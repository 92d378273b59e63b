package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Verdict;
import java.util.List;
import java.util.Optional;

/** Headings matching each pattern exist, in the given order. */
record SectionOrderCheck(List<HeadingPattern> patterns) implements MarkdownCheck {

    SectionOrderCheck {
        patterns = List.copyOf(patterns);
    }

    @Override
    public String expectation() {
        return "sections " + String.join(", ", patterns.stream().map(HeadingPattern::toString).toList()) + " in this order";
    }

    @Override
    public Verdict check(MarkdownRegion region) {
        List<Heading> headings = region.headings();
        int from = 0;
        Heading previous = null;
        for (HeadingPattern p : patterns) {
            Optional<Integer> at = find(headings, p, from);
            if (at.isEmpty()) {
                Optional<Integer> earlier = find(headings, p, 0);
                if (earlier.isPresent() && previous != null) {
                    Heading h = headings.get(earlier.get());
                    return Verdict.fail("sections out of order in " + region.label() + ": '" + h.text() + "' (line " + h.line()
                            + ") comes before '" + previous.text() + "' (line " + previous.line() + "); expected " + order());
                }
                return Verdict.fail("no heading in " + region.label() + " matches " + p + "; " + HeadingCheck.list(headings));
            }
            previous = headings.get(at.get());
            from = at.get() + 1;
        }
        return Verdict.pass(region.label() + " has sections " + order() + " in order");
    }

    private String order() {
        return String.join(" → ", patterns.stream().map(HeadingPattern::toString).toList());
    }

    private static Optional<Integer> find(List<Heading> headings, HeadingPattern p, int from) {
        for (int i = from; i < headings.size(); i++) {
            if (p.matches(headings.get(i))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
