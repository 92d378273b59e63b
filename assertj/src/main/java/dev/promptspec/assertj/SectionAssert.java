package dev.promptspec.assertj;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.promptspec.eval.markdown.MarkdownRegion;
import org.apiguardian.api.API;

/**
 * Assertions on one section of a response (its content up to the next heading of the same or a higher
 * level). The {@code with...} methods read well after {@code hasSection("Risks")}; every {@code has...}
 * method of {@link MarkdownAssert} works here too, including {@code hasSection} for a subsection.
 */
@API(status = MAINTAINED, since = "0.1")
public final class SectionAssert extends MarkdownAssert<SectionAssert, MarkdownRegion> {

    private final String response;

    SectionAssert(MarkdownRegion section, String response) {
        super(section, SectionAssert.class);
        this.response = response;
    }

    @Override
    MarkdownRegion region() {
        return actual;
    }

    @Override
    String responseText() {
        return response;
    }

    /** The section has at least {@code min} bullet items. */
    public SectionAssert withBulletsAtLeast(int min) {
        return hasBulletsAtLeast(min);
    }

    /** The section has at most {@code max} bullet items. */
    public SectionAssert withBulletsAtMost(int max) {
        return hasBulletsAtMost(max);
    }

    /** The section has at least {@code min} bold spans. */
    public SectionAssert withBoldSpansAtLeast(int min) {
        return hasBoldSpansAtLeast(min);
    }

    /** Every top-level bullet of the section starts with bold text. */
    public SectionAssert withEveryBulletStartingWithBold() {
        return hasEveryBulletStartingWithBold();
    }

    /** The section holds a table. */
    public SectionAssert withTable() {
        return hasTable();
    }

    /** The section holds a fenced code block of {@code language}. */
    public SectionAssert withCodeFence(String language) {
        return hasCodeFence(language);
    }
}
