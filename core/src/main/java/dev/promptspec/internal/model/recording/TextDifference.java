package dev.promptspec.internal.model.recording;

/**
 * Where two versions of a message first differ, in words: the line, the column, and each side's line around that
 * column. Showing only a line's beginning would show two identical excerpts for an edit at the end of a long line.
 */
final class TextDifference {

    /** A line up to this long is shown whole. */
    private static final int WHOLE = 80;
    /** Characters shown before and from the first difference in a longer line. */
    private static final int BEFORE = 30;
    private static final int FROM = 40;

    private TextDifference() {
    }

    /** "differs at its line 3: now "…", was "…" (first difference at column 142)", or "differs" when they do not. */
    static String describe(String was, String now) {
        String[] w = was.split("\n", -1);
        String[] n = now.split("\n", -1);
        for (int i = 0; i < Math.max(w.length, n.length); i++) {
            if (i >= w.length || i >= n.length) {
                return "differs at its line " + (i + 1) + ": now " + (i < n.length ? quoted(n[i]) : "nothing (the line is gone)")
                        + ", was " + (i < w.length ? quoted(w[i]) : "nothing (the line is new)");
            }
            if (!w[i].equals(n[i])) {
                int at = firstDifference(w[i], n[i]);
                boolean cut = w[i].length() > WHOLE || n[i].length() > WHOLE;
                return "differs at its line " + (i + 1) + ": now " + around(n[i], at, cut) + ", was " + around(w[i], at, cut)
                        + " (first difference at column " + (at + 1) + ")";
            }
        }
        return "differs";
    }

    private static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** The line around {@code at}, with … where it is cut; whole when {@code cut} is false. */
    private static String around(String line, int at, boolean cut) {
        if (!cut) {
            return quoted(line);
        }
        int start = Math.max(0, at - BEFORE);
        int end = Math.min(line.length(), at + FROM);
        return "\"" + (start > 0 ? "…" : "") + visible(line.substring(start, end)) + (end < line.length() ? "…" : "") + "\"";
    }

    private static String quoted(String s) {
        return "\"" + visible(s) + "\"";
    }

    /** A stray \r or tab is a real change: make it visible. */
    private static String visible(String s) {
        return s.replace("\r", "\\r").replace("\t", "\\t");
    }
}
