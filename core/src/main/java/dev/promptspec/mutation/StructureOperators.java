package dev.promptspec.mutation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BulletList;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.StrongEmphasis;

/**
 * The Markdown structure operators: each finds what it changes in commonmark's tree and edits the response at the
 * nodes' source spans, so everything else stays byte for byte as recorded. None applies to a JSON response.
 */
final class StructureOperators {

    private static final Pattern LIST_LINE_PREFIX = Pattern.compile("^\\s*(?:[-*+]|\\d{1,9}[.)])?\\s*");
    private static final Pattern ORDERED_MARKER = Pattern.compile("[ \\t]*(\\d{1,9}[.)])");

    private StructureOperators() {
    }

    static List<MutationOperator> all() {
        return List.of(markdown("drop-section", StructureOperators::dropSection),
                markdown("flatten-headings", StructureOperators::flattenHeadings),
                markdown("strip-bold", StructureOperators::stripBold),
                markdown("bullets-to-paragraph", StructureOperators::bulletsToParagraph),
                markdown("numbered-to-bullets", StructureOperators::numberedToBullets),
                markdown("drop-table", StructureOperators::dropTable),
                markdown("unwrap-code-fence", StructureOperators::unwrapCodeFence));
    }

    /** An operator on the response's Markdown tree: no mutant of a JSON response. */
    private static MutationOperator markdown(String name, BiFunction<String, Node, List<String>> rule) {
        return new MutationOperator(name, s -> s.isJson() ? List.of() : rule.apply(s.text(), s.markdown()));
    }

    /**
     * One mutant per section: a heading and everything up to the next heading of the same or a higher level, for the
     * headings of {@link #sectionLevel}.
     */
    static List<String> dropSection(String text, Node document) {
        List<Heading> headings = Spans.all(document, Heading.class).stream().filter(h -> h.getParent() == document).toList();
        int level = sectionLevel(headings);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < headings.size(); i++) {
            Heading h = headings.get(i);
            if (level > 0 && h.getLevel() != level) {
                continue;
            }
            int end = text.length();
            for (int j = i + 1; j < headings.size(); j++) {
                if (headings.get(j).getLevel() <= h.getLevel()) {
                    end = Spans.start(headings.get(j));
                    break;
                }
            }
            out.add(new TextEdits(text).delete(Spans.start(h), end).apply());
        }
        return out;
    }

    /**
     * The level whose headings are dropped: the highest level with at least two headings (a lone title's section is the
     * whole answer, and a subsection goes with its section), or 0 (every heading) when no level has two.
     */
    static int sectionLevel(List<Heading> headings) {
        for (int level = 1; level <= 6; level++) {
            int l = level;
            if (headings.stream().filter(h -> h.getLevel() == l).count() >= 2) {
                return level;
            }
        }
        return 0;
    }

    /** One mutant: every heading becomes a plain line of its text (no {@code #}, no setext underline). */
    static List<String> flattenHeadings(String text, Node document) {
        TextEdits edits = new TextEdits(text);
        for (Heading h : Spans.all(document, Heading.class)) {
            Node first = h.getFirstChild();
            String content = first == null || !Spans.located(first) ? "" : text.substring(Spans.start(first), Spans.end(h.getLastChild()));
            edits.replace(Spans.start(h), Spans.end(h), content);
        }
        return edits.asMutant();
    }

    /** One mutant: every {@code **bold**} (or {@code __bold__}) loses its markers, keeping its text. */
    static List<String> stripBold(String text, Node document) {
        TextEdits edits = new TextEdits(text);
        for (StrongEmphasis bold : Spans.all(document, StrongEmphasis.class)) {
            int marker = bold.getOpeningDelimiter().length();
            int start = Spans.start(bold);
            int end = Spans.end(bold);
            edits.delete(start, start + marker).delete(end - marker, end);
        }
        return edits.asMutant();
    }

    /** One mutant: every bullet list (with what is nested in it) becomes one paragraph of its items' text. */
    static List<String> bulletsToParagraph(String text, Node document) {
        TextEdits edits = new TextEdits(text);
        for (BulletList list : Spans.all(document, BulletList.class)) {
            if (Spans.inside(list, ListBlock.class)) {
                continue; // its outermost list takes it along
            }
            List<String> parts = new ArrayList<>();
            for (String line : text.substring(Spans.start(list), Spans.end(list)).split("\n")) {
                String content = LIST_LINE_PREFIX.matcher(line).replaceFirst("").strip();
                if (!content.isEmpty()) {
                    parts.add(content);
                }
            }
            edits.replace(Spans.start(list), Spans.end(list), String.join(" ", parts));
        }
        return edits.asMutant();
    }

    /** One mutant: every numbered list item's marker ({@code 1.}, {@code 2)}) becomes {@code -}. */
    static List<String> numberedToBullets(String text, Node document) {
        TextEdits edits = new TextEdits(text);
        for (OrderedList list : Spans.all(document, OrderedList.class)) {
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                if (item instanceof ListItem && Spans.located(item)) {
                    Matcher m = ORDERED_MARKER.matcher(text).region(Spans.start(item), Spans.end(item));
                    if (m.lookingAt()) {
                        edits.replace(m.start(1), m.end(1), "-");
                    }
                }
            }
        }
        return edits.asMutant();
    }

    /** One mutant per table: the table is gone. */
    static List<String> dropTable(String text, Node document) {
        return Spans.all(document, TableBlock.class).stream().map(t -> new TextEdits(text).delete(Spans.start(t), Spans.end(t)).apply())
                .toList();
    }

    /** One mutant: every fenced code block loses its fences, keeping its content as plain lines. */
    static List<String> unwrapCodeFence(String text, Node document) {
        TextEdits edits = new TextEdits(text);
        for (FencedCodeBlock block : Spans.all(document, FencedCodeBlock.class)) {
            edits.replace(Spans.start(block), Spans.end(block), block.getLiteral().stripTrailing());
        }
        return edits.asMutant();
    }
}
