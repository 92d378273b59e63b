package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Verdict;
import java.util.List;

/** No heading is deeper than a level ({@code maxHeadingDepth: 3}: nothing below {@code ###}). */
record HeadingDepthCheck(int maxLevel) implements MarkdownCheck {

    @Override
    public String expectation() {
        return "no heading deeper than level " + maxLevel;
    }

    @Override
    public Verdict check(MarkdownRegion region) {
        List<Heading> tooDeep = region.headings().stream().filter(h -> h.level() > maxLevel).toList();
        if (tooDeep.isEmpty()) {
            int deepest = region.headings().stream().mapToInt(Heading::level).max().orElse(0);
            return Verdict.pass(deepest == 0 ? region.label() + " has no headings" : "deepest heading is level " + deepest);
        }
        Heading first = tooDeep.get(0);
        return Verdict.fail(region.label() + " has " + tooDeep.size() + (tooDeep.size() == 1 ? " heading" : " headings")
                + " deeper than level " + maxLevel + ", first " + first);
    }
}
