package dev.promptspec.mutation;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

/** Where a Markdown node is in the response, from commonmark's source spans, as character offsets. */
final class Spans {

    private Spans() {
    }

    /** The offset of the node's first character. */
    static int start(Node node) {
        return node.getSourceSpans().get(0).getInputIndex();
    }

    /** The offset just past the node's last character (its last line's line break not included). */
    static int end(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        SourceSpan last = spans.get(spans.size() - 1);
        return last.getInputIndex() + last.getLength();
    }

    /** Whether commonmark located the node (every node of a tree parsed with spans is, except empty ones). */
    static boolean located(Node node) {
        return !node.getSourceSpans().isEmpty();
    }

    /** Every node of type {@code type} in the tree under {@code root}, in document order. */
    static <T extends Node> List<T> all(Node root, Class<T> type) {
        List<T> out = new ArrayList<>();
        collect(root, type, out);
        return out;
    }

    private static <T extends Node> void collect(Node node, Class<T> type, List<T> out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (type.isInstance(child) && located(child)) {
                out.add(type.cast(child));
            }
            collect(child, type, out);
        }
    }

    /** Whether {@code node} sits inside a node of type {@code type}. */
    static boolean inside(Node node, Class<? extends Node> type) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (type.isInstance(p)) {
                return true;
            }
        }
        return false;
    }
}
