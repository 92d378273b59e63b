package dev.promptspec.eval.markdown;

/**
 * A heading of a response.
 *
 * @param level 1 for {@code #}, up to 6; Setext headings ({@code ===}, {@code ---}) are levels 1 and 2
 * @param text  its text as a reader sees it (emphasis markers removed)
 * @param line  1-based line in the response
 */
public record Heading(int level, String text, int line) {

    @Override
    public String toString() {
        return "#".repeat(level) + " " + text + " (line " + line + ")";
    }
}
