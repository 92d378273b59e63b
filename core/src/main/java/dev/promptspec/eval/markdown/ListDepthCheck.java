package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Verdict;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;

/** How deeply lists nest: 1 for a flat list, 2 when some item holds a list of its own, ... */
record ListDepthCheck(Integer min, Integer max) implements MarkdownCheck {

    @Override
    public String expectation() {
        if (min != null && min.equals(max)) {
            return "lists nested exactly " + min + (min == 1 ? " level" : " levels") + " deep";
        }
        if (min != null && max != null) {
            return "lists nested between " + min + " and " + max + " levels deep";
        }
        return min != null ? "lists nested at least " + min + " levels deep" : "lists nested at most " + max + " levels deep";
    }

    @Override
    public Verdict check(MarkdownRegion region) {
        int depth = 0;
        Node deepestItem = null;
        for (ListItem item : region.all(ListItem.class)) {
            int d = depthOf(item);
            if (d > depth) {
                depth = d;
                deepestItem = item;
            }
        }
        String found = depth == 0 ? region.label() + " has no lists"
                : region.label() + "'s lists nest " + depth + (depth == 1 ? " level" : " levels") + " deep"
                        + " (deepest item at line " + Nodes.line(deepestItem) + ")";
        boolean ok = (min == null || depth >= min) && (max == null || depth <= max);
        return ok ? Verdict.pass(found) : Verdict.fail(found + "; expected " + expectation());
    }

    private static int depthOf(ListItem item) {
        int d = 0;
        for (Node n = item; n != null; n = n.getParent()) {
            if (n instanceof ListBlock) {
                d++;
            }
        }
        return d;
    }
}
