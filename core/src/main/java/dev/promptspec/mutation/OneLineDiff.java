package dev.promptspec.mutation;

import java.util.regex.Pattern;

/**
 * A mutant's change in one line: where it starts (line of the recorded response) and the text removed and added
 * between the common beginning and end of the two, each shortened to an excerpt, line breaks shown as {@code ⏎}.
 */
final class OneLineDiff {

    private static final int EXCERPT = 60;
    private static final Pattern LINE_MARKERS = Pattern.compile("[#>*+\\-\\s\\d.)]*");

    private OneLineDiff() {
    }

    static String of(String original, String mutant) {
        int prefix = 0;
        int max = Math.min(original.length(), mutant.length());
        while (prefix < max && original.charAt(prefix) == mutant.charAt(prefix)) {
            prefix++;
        }
        // Whole words, and a line's Markdown markers with its text: "-"billing" +"bug"", not "-"illin" +"u"".
        while (prefix > 0 && wordChar(original, prefix - 1) && (wordChar(original, prefix) || wordChar(mutant, prefix))) {
            prefix--;
        }
        int lineStart = original.lastIndexOf('\n', prefix - 1) + 1;
        if (LINE_MARKERS.matcher(original.substring(lineStart, prefix)).matches()) {
            prefix = lineStart;
        }
        int suffix = 0;
        while (suffix < max - prefix && original.charAt(original.length() - 1 - suffix) == mutant.charAt(mutant.length() - 1 - suffix)) {
            suffix++;
        }
        while (suffix > 0 && wordChar(original, original.length() - suffix)
                && (wordChar(original, original.length() - suffix - 1) || wordChar(mutant, mutant.length() - suffix - 1))) {
            suffix--;
        }
        String removed = original.substring(prefix, original.length() - suffix);
        String added = mutant.substring(prefix, mutant.length() - suffix);
        int line = 1;
        for (int i = 0; i < prefix; i++) {
            line += original.charAt(i) == '\n' ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder("line ").append(line).append(':');
        if (!removed.isEmpty()) {
            sb.append(" -\"").append(excerpt(removed)).append('"');
        }
        if (!added.isEmpty()) {
            sb.append(" +\"").append(excerpt(added)).append('"');
        }
        return sb.toString();
    }

    /** Whether {@code text} has a letter or digit at {@code index} (false outside it). */
    private static boolean wordChar(String text, int index) {
        return index >= 0 && index < text.length() && Character.isLetterOrDigit(text.charAt(index));
    }

    /** The text on one line; a long one as its beginning and end around an ellipsis with the number of characters left out. */
    private static String excerpt(String text) {
        String flat = text.replace("\r", "").replace("\n", "⏎");
        if (flat.length() <= EXCERPT) {
            return flat;
        }
        int head = EXCERPT * 2 / 3;
        int tail = EXCERPT - head;
        return flat.substring(0, head) + "…(" + (flat.length() - head - tail) + " more)…" + flat.substring(flat.length() - tail);
    }
}
