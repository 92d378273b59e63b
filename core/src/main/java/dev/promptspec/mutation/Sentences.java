package dev.promptspec.mutation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sentences of a text, line by line: prose rules, not structure (structure is the Markdown operators' business). */
final class Sentences {

    /** A sentence ends at . ! or ? followed by a space, or at the end of its line. */
    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]*(?:[.!?]+(?=\\s|$)|$)[ \\t]*");
    /** A line's Markdown prefix (list marker, quote, heading marks), kept when its first sentence goes. */
    private static final Pattern LINE_PREFIX = Pattern.compile("^\\s*(?:[-*+>]|\\d{1,9}[.)]|#{1,6})?\\s*");

    private Sentences() {
    }

    /** Whether {@code term} appears in {@code text} as a whole word (case-insensitive). */
    static boolean mentions(String text, String term) {
        return word(term).matcher(text).find();
    }

    /**
     * {@code text} without the sentences that mention {@code term}; a line left with only its prefix goes too, and so
     * does a table row that mentions it.
     */
    static String without(String text, String term) {
        Pattern mention = word(term);
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (!mention.matcher(line).find()) {
                out.append(line).append('\n');
                continue;
            }
            if (line.strip().startsWith("|")) {
                continue; // a table row holds cells, not sentences: the row goes
            }
            Matcher prefix = LINE_PREFIX.matcher(line);
            int bodyStart = prefix.lookingAt() ? prefix.end() : 0;
            StringBuilder kept = new StringBuilder();
            Matcher s = SENTENCE.matcher(line).region(bodyStart, line.length());
            while (s.find() && s.end() > s.start()) {
                if (!mention.matcher(s.group()).find()) {
                    kept.append(s.group());
                }
                if (s.end() == line.length()) {
                    break;
                }
            }
            if (!kept.toString().isBlank()) {
                out.append(line, 0, bodyStart).append(kept.toString().stripTrailing()).append('\n');
            }
        }
        return out.toString().strip();
    }

    private static Pattern word(String term) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(term) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
