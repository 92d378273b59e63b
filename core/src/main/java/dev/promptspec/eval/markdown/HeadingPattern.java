package dev.promptspec.eval.markdown;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Which heading a check means, as a user writes it: {@code Risks} matches any heading containing "risks"
 * (ignoring case), {@code /^\d+\. Risks/} is a regular expression searched in the heading text (ignoring
 * case), and a leading {@code ##} pins the level: {@code "## Risks"} matches only level-2 headings.
 *
 * @param written the pattern as written, for messages
 * @param level   the required level, or 0 for any
 * @param regex   the compiled pattern when written between slashes, else null
 * @param text    the lower-cased text to look for when not a regex
 */
@API(status = MAINTAINED, since = "0.1")
public record HeadingPattern(String written, int level, Pattern regex, String text) {

    /**
     * @throws IllegalArgumentException when the pattern is empty or its regular expression does not compile
     *                                  ({@link java.util.regex.PatternSyntaxException} is one)
     */
    public static HeadingPattern parse(String written) {
        String rest = written.strip();
        int level = 0;
        while (level < rest.length() && rest.charAt(level) == '#') {
            level++;
        }
        if (level > 0 && level == rest.length()) {
            throw new IllegalArgumentException("the heading pattern is empty");
        }
        if (level > 0 && level <= 6 && rest.charAt(level) == ' ') {
            rest = rest.substring(level).strip();
        } else {
            level = 0;
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("the heading pattern is empty");
        }
        if (rest.length() >= 2 && rest.startsWith("/") && rest.endsWith("/")) {
            Pattern p = Pattern.compile(rest.substring(1, rest.length() - 1), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            return new HeadingPattern(written, level, p, null);
        }
        return new HeadingPattern(written, level, null, rest.toLowerCase(Locale.ROOT));
    }

    public boolean matches(Heading heading) {
        if (level != 0 && heading.level() != level) {
            return false;
        }
        return regex != null ? regex.matcher(heading.text()).find() : heading.text().toLowerCase(Locale.ROOT).contains(text);
    }

    @Override
    public String toString() {
        return "'" + written + "'";
    }
}
