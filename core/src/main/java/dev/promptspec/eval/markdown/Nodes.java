package dev.promptspec.eval.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/** Walking commonmark's node tree: descendants of a type, plain text, source lines. */
final class Nodes {

    private Nodes() {
    }

    /** {@code roots} and everything below them that is a {@code type}, in document order. */
    static <T extends Node> List<T> all(List<Node> roots, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Node root : roots) {
            collect(root, type, out);
        }
        return out;
    }

    private static <T extends Node> void collect(Node node, Class<T> type, List<T> out) {
        if (type.isInstance(node)) {
            out.add(type.cast(node));
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, type, out);
        }
    }

    static List<Node> children(Node parent) {
        List<Node> out = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            out.add(child);
        }
        return out;
    }

    /** The text a reader sees: emphasis and link syntax removed, code spans kept, line breaks as spaces. */
    static String text(Node node) {
        StringBuilder sb = new StringBuilder();
        appendText(node, sb);
        return sb.toString().replaceAll("\\s+", " ").trim();
    }

    private static void appendText(Node node, StringBuilder sb) {
        if (node instanceof Text t) {
            sb.append(t.getLiteral());
        } else if (node instanceof Code c) {
            sb.append(c.getLiteral());
        } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
            sb.append(' ');
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            appendText(child, sb);
        }
    }

    /** 1-based line of the response where {@code node} starts, or 0 when unknown. */
    static int line(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.getSourceSpans().isEmpty()) {
                return n.getSourceSpans().get(0).getLineIndex() + 1;
            }
        }
        return 0;
    }

    /** True when {@code node} sits inside a node of {@code type} (not counting itself). */
    static boolean isInside(Node node, Class<? extends Node> type) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (type.isInstance(n)) {
                return true;
            }
        }
        return false;
    }
}
