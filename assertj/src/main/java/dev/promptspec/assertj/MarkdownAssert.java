package dev.promptspec.assertj;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.promptspec.eval.Verdict;
import dev.promptspec.eval.markdown.Element;
import dev.promptspec.eval.markdown.HeadingPattern;
import dev.promptspec.eval.markdown.MarkdownCheck;
import dev.promptspec.eval.markdown.MarkdownChecks;
import dev.promptspec.eval.markdown.MarkdownRegion;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Structural Markdown assertions on a response or one of its sections: the checks of the YAML
 * {@code markdown} evaluator, with the same results and the same words.
 *
 * @param <SELF>   the concrete assertion, for chaining
 * @param <ACTUAL> what is asserted on: the response text, or a section
 */
@API(status = MAINTAINED, since = "0.1")
public abstract class MarkdownAssert<SELF extends MarkdownAssert<SELF, ACTUAL>, ACTUAL> extends AbstractAssert<SELF, ACTUAL> {

    MarkdownAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** The Markdown this assertion looks at. */
    abstract MarkdownRegion region();

    /** The response text to show in failure messages, or null. */
    abstract String responseText();

    /**
     * The section under the first heading matching {@code heading}: heading text ignoring case, {@code /regex/},
     * or {@code "## Risks"} to require a level. Fails when there is none.
     */
    public SectionAssert hasSection(String heading) {
        isNotNull();
        HeadingPattern pattern = HeadingPattern.parse(heading);
        Optional<MarkdownRegion> section = region().section(pattern);
        if (section.isEmpty()) {
            meets(MarkdownChecks.inSection(pattern)); // fails, saying which headings there are
        }
        return new SectionAssert(section.orElseThrow(), responseText());
    }

    /** Runs any structural check (see {@link MarkdownChecks}). */
    public SELF meets(MarkdownCheck check) {
        isNotNull();
        Verdict v = check.check(region());
        if (!v.passed()) {
            failWithMessage("%s", Failures.message(region().label(), check.expectation(), v, responseText()));
        }
        return myself;
    }

    /** At least {@code min} bullet items ({@code -}, {@code *} or {@code +}), nested ones included. */
    public SELF hasBulletsAtLeast(int min) {
        return meets(MarkdownChecks.count(Element.BULLETS, min, null));
    }

    /** At most {@code max} bullet items, nested ones included. */
    public SELF hasBulletsAtMost(int max) {
        return meets(MarkdownChecks.count(Element.BULLETS, null, max));
    }

    /** At least {@code min} items of ordered lists ({@code 1.}, {@code 2)}...). */
    public SELF hasNumberedItemsAtLeast(int min) {
        return meets(MarkdownChecks.count(Element.NUMBERED_ITEMS, min, null));
    }

    /** Bold spans, {@code **text**} or {@code __text__}. */
    public SELF hasBoldSpansAtLeast(int min) {
        return meets(MarkdownChecks.count(Element.BOLD_SPANS, min, null));
    }

    /** At least {@code min} headings of any level, ATX ({@code ##}) or Setext (underlined). */
    public SELF hasHeadingsAtLeast(int min) {
        return meets(MarkdownChecks.count(Element.HEADINGS, min, null));
    }

    /** At least {@code min} links ({@code [text](url)}, autolinks and reference links). */
    public SELF hasLinksAtLeast(int min) {
        return meets(MarkdownChecks.count(Element.LINKS, min, null));
    }

    /** At least {@code min} fenced code blocks, of any language. */
    public SELF hasCodeFencesAtLeast(int min) {
        return meets(MarkdownChecks.count(Element.CODE_FENCES, min, null));
    }

    /** A heading matching {@code heading} (same syntax as {@link #hasSection(String)}). */
    public SELF hasHeading(String heading) {
        return meets(MarkdownChecks.heading(HeadingPattern.parse(heading)));
    }

    /** Headings matching each of {@code headings}, in this order. */
    public SELF hasSectionsInOrder(String... headings) {
        return meets(MarkdownChecks.sectionsInOrder(Arrays.stream(headings).map(HeadingPattern::parse).toList()));
    }

    /** No heading below {@code level} ({@code 3} allows {@code #} to {@code ###}). */
    public SELF hasNoHeadingDeeperThan(int level) {
        return meets(MarkdownChecks.maxHeadingDepth(level));
    }

    /** Some list item holds a list of its own, {@code depth - 1} times over. */
    public SELF hasListsNestedAtLeast(int depth) {
        return meets(MarkdownChecks.listDepth(depth, null));
    }

    /** Every top-level bullet starts with bold text (nested bullets may start any way). */
    public SELF hasEveryBulletStartingWithBold() {
        return meets(MarkdownChecks.bulletsStartBold());
    }

    /** At least one table (GitHub's pipe tables). */
    public SELF hasTable() {
        return meets(MarkdownChecks.table(List.of(), null));
    }

    /** A table with all these column headers (ignoring case and formatting). */
    public SELF hasTableWithColumns(String... columns) {
        return meets(MarkdownChecks.table(List.of(columns), null));
    }

    /** A fenced code block of {@code language} ({@code java} for {@code ```java}). */
    public SELF hasCodeFence(String language) {
        return meets(MarkdownChecks.codeFence(language));
    }

    /** No raw HTML, block or inline ({@code <details>}, {@code <br>}...). */
    public SELF hasNoRawHtml() {
        return meets(MarkdownChecks.noRawHtml());
    }
}
