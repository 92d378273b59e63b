package dev.promptspec.eval.markdown;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.promptspec.eval.ResponseForms;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * A response parsed as Markdown (CommonMark plus GitHub's tables), or one section of it. Checks look at
 * the syntax tree, never at the raw text, so {@code *} and {@code -} bullets, {@code **} and {@code __}
 * bold, ATX and Setext headings are all the same to them.
 *
 * <p>A section is a heading's content: everything after it up to the next heading of the same or a
 * higher level (so a section includes its subsections); the heading itself is not part of it.
 */
@API(status = MAINTAINED, since = "0.1")
public final class MarkdownRegion {

    /** commonmark's parser is immutable and safe to share between threads. */
    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();

    /** The whole response as Markdown, parsed once per test case for every evaluator that reads it. */
    public static final ResponseForms.Form<MarkdownRegion> FORM = ResponseForms.Form.of("Markdown", MarkdownRegion::parse);

    private final String label;
    private final List<Node> blocks;

    private MarkdownRegion(String label, List<Node> blocks) {
        this.label = label;
        this.blocks = List.copyOf(blocks);
    }

    /** The whole response. */
    public static MarkdownRegion parse(String markdown) {
        return new MarkdownRegion("the response", Nodes.children(PARSER.parse(markdown)));
    }

    /** How messages name this region: "the response" or "section 'Risks'". */
    public String label() {
        return label;
    }

    /** Every heading in this region, in order (for a section: its subsections' headings). */
    public List<Heading> headings() {
        return all(org.commonmark.node.Heading.class).stream().map(MarkdownRegion::heading).toList();
    }

    /** The section under the first heading in this region that {@code pattern} matches. */
    public Optional<MarkdownRegion> section(HeadingPattern pattern) {
        for (org.commonmark.node.Heading h : all(org.commonmark.node.Heading.class)) {
            Heading heading = heading(h);
            if (pattern.matches(heading)) {
                List<Node> content = new ArrayList<>();
                for (Node n = h.getNext(); n != null; n = n.getNext()) {
                    if (n instanceof org.commonmark.node.Heading next && next.getLevel() <= h.getLevel()) {
                        break;
                    }
                    content.add(n);
                }
                return Optional.of(new MarkdownRegion("section '" + heading.text() + "'", content));
            }
        }
        return Optional.empty();
    }

    /** Every fenced code block in this region, in order. */
    public List<CodeFence> codeFences() {
        return all(FencedCodeBlock.class).stream()
                .map(f -> new CodeFence(CodeFenceCheck.language(f), f.getLiteral(), Nodes.line(f))).toList();
    }

    /** Nodes of {@code type} in this region, in document order. */
    <T extends Node> List<T> all(Class<T> type) {
        return Nodes.all(blocks, type);
    }

    static Heading heading(org.commonmark.node.Heading h) {
        return new Heading(h.getLevel(), Nodes.text(h), Nodes.line(h));
    }
}
