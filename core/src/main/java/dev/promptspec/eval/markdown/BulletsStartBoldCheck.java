package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Texts;
import dev.promptspec.eval.Verdict;
import java.util.List;
import org.commonmark.node.BulletList;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * Every top-level bullet starts with bold text ({@code - **Hot SKUs:** ...}). Nested bullets are the
 * details of their parent and may start any way. A region without bullets fails: a rule about bullets
 * that finds none is not met.
 */
record BulletsStartBoldCheck() implements MarkdownCheck {

    private static final int SHOWN = 3;

    @Override
    public String expectation() {
        return "every top-level bullet starting with bold text";
    }

    @Override
    public Verdict check(MarkdownRegion region) {
        List<ListItem> bullets = region.all(ListItem.class).stream()
                .filter(i -> i.getParent() instanceof BulletList && !Nodes.isInside(i, ListItem.class))
                .toList();
        if (bullets.isEmpty()) {
            return Verdict.fail(region.label() + " has no bullets; expected " + expectation());
        }
        List<ListItem> plain = bullets.stream().filter(i -> !startsWithBold(i)).toList();
        if (plain.isEmpty()) {
            return Verdict.pass("all " + bullets.size() + " top-level bullets of " + region.label() + " start with bold text");
        }
        StringBuilder sb = new StringBuilder().append(plain.size()).append(" of ").append(bullets.size())
                .append(" top-level bullets of ").append(region.label()).append(" do not start with bold text: ");
        for (int i = 0; i < Math.min(SHOWN, plain.size()); i++) {
            ListItem item = plain.get(i);
            sb.append(i == 0 ? "" : ", ").append("line ").append(Nodes.line(item)).append(' ').append(Texts.quote(Nodes.text(item), 50));
        }
        if (plain.size() > SHOWN) {
            sb.append(", …");
        }
        return Verdict.fail(sb.toString());
    }

    private static boolean startsWithBold(ListItem item) {
        if (!(item.getFirstChild() instanceof Paragraph p)) {
            return false;
        }
        Node first = p.getFirstChild();
        while (first instanceof Text t && t.getLiteral().isBlank()) {
            first = first.getNext();
        }
        return first instanceof StrongEmphasis;
    }
}
