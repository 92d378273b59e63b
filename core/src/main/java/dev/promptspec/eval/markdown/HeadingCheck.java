package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Verdict;
import java.util.List;

/** Some heading matches a pattern. */
record HeadingCheck(HeadingPattern pattern) implements MarkdownCheck {

    @Override
    public String expectation() {
        return "a heading matching " + pattern;
    }

    @Override
    public Verdict check(MarkdownRegion region) {
        List<Heading> headings = region.headings();
        return headings.stream().filter(pattern::matches).findFirst()
                .map(h -> Verdict.pass("has heading " + h))
                .orElseGet(() -> Verdict.fail("no heading in " + region.label() + " matches " + pattern + "; "
                        + HeadingCheck.list(headings)));
    }

    /** "headings: 'A' (line 1), 'B' (line 9)" or "it has no headings", for failure messages. */
    static String list(List<Heading> headings) {
        if (headings.isEmpty()) {
            return "it has no headings";
        }
        int shown = Math.min(headings.size(), 12);
        StringBuilder sb = new StringBuilder("headings: ");
        for (int i = 0; i < shown; i++) {
            Heading h = headings.get(i);
            sb.append(i == 0 ? "" : ", ").append('\'').append(h.text()).append("' (line ").append(h.line()).append(')');
        }
        if (headings.size() > shown) {
            sb.append(", and ").append(headings.size() - shown).append(" more");
        }
        return sb.toString();
    }
}
