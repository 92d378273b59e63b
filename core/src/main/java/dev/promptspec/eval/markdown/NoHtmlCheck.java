package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Texts;
import dev.promptspec.eval.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;

/**
 * No raw HTML: what a Markdown renderer would pass through as tags. A Java generic outside backticks
 * ({@code List<String>}) is raw HTML to every renderer and is reported too.
 */
record NoHtmlCheck() implements MarkdownCheck {

    private static final int SHOWN = 3;

    @Override
    public String expectation() {
        return "no raw HTML";
    }

    @Override
    public Verdict check(MarkdownRegion region) {
        List<String> found = new ArrayList<>();
        for (Node n : region.all(Node.class)) {
            if (n instanceof HtmlBlock b) {
                found.add(Texts.quote(b.getLiteral().strip(), 40) + " (line " + Nodes.line(b) + ")");
            } else if (n instanceof HtmlInline i) {
                found.add(Texts.quote(i.getLiteral(), 40) + " (line " + Nodes.line(i) + ")");
            }
        }
        if (found.isEmpty()) {
            return Verdict.pass(region.label() + " has no raw HTML");
        }
        return Verdict.fail(region.label() + " has raw HTML: " + String.join(", ", found.subList(0, Math.min(SHOWN, found.size())))
                + (found.size() > SHOWN ? " and " + (found.size() - SHOWN) + " more" : ""));
    }
}
