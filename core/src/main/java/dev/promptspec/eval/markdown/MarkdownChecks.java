package dev.promptspec.eval.markdown;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The structural checks of the {@code markdown} evaluator, for use from Java. Each returns a
 * {@link MarkdownCheck} to run on a {@link MarkdownRegion}:
 * <pre>{@code
 * MarkdownRegion answer = MarkdownRegion.parse(response);
 * Verdict v = MarkdownChecks.inSection(HeadingPattern.parse("Risks"), MarkdownChecks.count(Element.BULLETS, 3, null)).check(answer);
 * }</pre>
 */
@API(status = MAINTAINED, since = "0.1")
public final class MarkdownChecks {

    private MarkdownChecks() {
    }

    /** At least {@code min} and at most {@code max} (either may be null) of {@code element}. */
    public static MarkdownCheck count(Element element, Integer min, Integer max) {
        if (min == null && max == null) {
            throw new IllegalArgumentException("give a minimum, a maximum or both");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("minimum " + min + " is greater than maximum " + max);
        }
        return new CountCheck(element, min, max);
    }

    /** The section under the first heading matching {@code heading} exists and {@code checks} hold in it. */
    public static MarkdownCheck inSection(HeadingPattern heading, MarkdownCheck... checks) {
        return new SectionCheck(heading, allOf(List.of(checks)));
    }

    /** Some heading matches. */
    public static MarkdownCheck heading(HeadingPattern heading) {
        return new HeadingCheck(heading);
    }

    /** Headings matching each pattern, in this order (others may come between). */
    public static MarkdownCheck sectionsInOrder(List<HeadingPattern> headings) {
        return new SectionOrderCheck(headings);
    }

    /** No heading deeper than {@code level}. */
    public static MarkdownCheck maxHeadingDepth(int level) {
        return new HeadingDepthCheck(level);
    }

    /** Lists nest at least {@code min} and at most {@code max} levels (1 = a flat list). */
    public static MarkdownCheck listDepth(Integer min, Integer max) {
        return new ListDepthCheck(min, max);
    }

    /** Every top-level bullet starts with bold text; fails when there are no bullets. */
    public static MarkdownCheck bulletsStartBold() {
        return new BulletsStartBoldCheck();
    }

    /** A table having all {@code columns} (may be empty) and at least {@code minRows} body rows (may be null). */
    public static MarkdownCheck table(List<String> columns, Integer minRows) {
        return new TableCheck(columns, minRows);
    }

    /** A fenced code block whose language is {@code language}. */
    public static MarkdownCheck codeFence(String language) {
        return new CodeFenceCheck(language);
    }

    /** No raw HTML blocks or inline tags. */
    public static MarkdownCheck noRawHtml() {
        return new NoHtmlCheck();
    }

    /** All of {@code checks}; the verdict names each that failed. */
    public static MarkdownCheck allOf(List<MarkdownCheck> checks) {
        return new AllChecks(checks);
    }
}
