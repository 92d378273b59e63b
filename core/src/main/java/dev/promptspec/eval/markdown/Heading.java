package dev.promptspec.eval.markdown;

import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;

/**
 * A heading of a response.
 *
 * @param level 1 for {@code #}, up to 6; Setext headings ({@code ===}, {@code ---}) are levels 1 and 2
 * @param text  its text as a reader sees it (emphasis markers removed)
 * @param line  1-based line in the response
 */
@API(status = MAINTAINED, since = "0.1")
public record Heading(int level, String text, int line) {

    @Override
    public String toString() {
        return "#".repeat(level) + " " + text + " (line " + line + ")";
    }
}
