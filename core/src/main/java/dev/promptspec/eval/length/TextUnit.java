package dev.promptspec.eval.length;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.function.ToIntFunction;
import org.apiguardian.api.API;

/** What a length is measured in; the response is trimmed first, as every evaluator sees it. */
@API(status = INTERNAL, since = "0.1")
public enum TextUnit {
    /** Unicode code points: an emoji or a CJK character is one character. */
    CHARACTERS("character", "characters", s -> s.codePointCount(0, s.length())),
    /** Runs of non-whitespace: "event-sourced CQRS (ES)" is three words. */
    WORDS("word", "words", TextUnit::words),
    /** Lines, blank ones included, as an editor numbers them; an empty response has none. */
    LINES("line", "lines", s -> s.isEmpty() ? 0 : (int) s.chars().filter(c -> c == '\n').count() + 1);

    private final String singular;
    private final String plural;
    private final ToIntFunction<String> counter;

    TextUnit(String singular, String plural, ToIntFunction<String> counter) {
        this.singular = singular;
        this.plural = plural;
        this.counter = counter;
    }

    public int count(String text) {
        return counter.applyAsInt(text);
    }

    String counted(int n) {
        return n + " " + (n == 1 ? singular : plural);
    }

    String plural() {
        return plural;
    }

    private static int words(String s) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
            i += Character.charCount(cp);
        }
        return words;
    }
}
