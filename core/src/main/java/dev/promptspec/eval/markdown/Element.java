package dev.promptspec.eval.markdown;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.util.function.ToIntFunction;
import org.apiguardian.api.API;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BulletList;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.StrongEmphasis;

/** Things a region has a countable number of. */
@API(status = MAINTAINED, since = "0.1")
public enum Element {
    /** Headings of any level (in a section: its subsections). */
    HEADINGS("heading", "headings", r -> r.all(org.commonmark.node.Heading.class).size()),
    /** Items of bullet lists ({@code -}, {@code *} or {@code +}), nested ones included. */
    BULLETS("bullet", "bullets", r -> (int) r.all(ListItem.class).stream().filter(i -> i.getParent() instanceof BulletList).count()),
    /** Items of numbered lists, nested ones included. */
    NUMBERED_ITEMS("numbered item", "numbered items",
            r -> (int) r.all(ListItem.class).stream().filter(i -> i.getParent() instanceof OrderedList).count()),
    /** Bold spans: {@code **text**} or {@code __text__}. */
    BOLD_SPANS("bold span", "bold spans", r -> r.all(StrongEmphasis.class).size()),
    /** GitHub-style tables. */
    TABLES("table", "tables", r -> r.all(TableBlock.class).size()),
    /** Fenced code blocks ({@code ```} or {@code ~~~}); indented code blocks are not fences. */
    CODE_FENCES("code fence", "code fences", r -> r.all(FencedCodeBlock.class).size()),
    /** Links: inline, reference-style and {@code <https://...>} autolinks. */
    LINKS("link", "links", r -> r.all(Link.class).size());

    private final String singular;
    private final String plural;
    private final ToIntFunction<MarkdownRegion> counter;

    Element(String singular, String plural, ToIntFunction<MarkdownRegion> counter) {
        this.singular = singular;
        this.plural = plural;
        this.counter = counter;
    }

    /** How many of this element {@code region} has. */
    public int count(MarkdownRegion region) {
        return counter.applyAsInt(region);
    }

    /** "1 bullet", "3 bullets", "no bullets". */
    String counted(int n) {
        return n == 0 ? "no " + plural : n + " " + (n == 1 ? singular : plural);
    }

    String plural() {
        return plural;
    }
}
