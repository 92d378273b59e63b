package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Verdict;

/** At least {@code min} and at most {@code max} of an element. */
record CountCheck(Element element, Integer min, Integer max) implements MarkdownCheck {

    @Override
    public String expectation() {
        return bounds() + " " + element.plural();
    }

    @Override
    public Verdict check(MarkdownRegion region) {
        int n = element.count(region);
        String found = region.label() + " has " + element.counted(n);
        boolean ok = (min == null || n >= min) && (max == null || n <= max);
        return ok ? Verdict.pass(found) : Verdict.fail(found + "; expected " + bounds());
    }

    private String bounds() {
        if (min != null && max != null) {
            return min.equals(max) ? "exactly " + min : "between " + min + " and " + max;
        }
        return min != null ? "at least " + min : "at most " + max;
    }
}
