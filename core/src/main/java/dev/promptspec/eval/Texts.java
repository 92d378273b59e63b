package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Small text helpers for verdict details. */
@API(status = INTERNAL, since = "0.1")
public final class Texts {

    private Texts() {
    }

    /** {@code "text"} with quotes, newlines shown as ⏎, cut to {@code max} characters. */
    public static String quote(String s, int max) {
        String flat = s.replace("\r", "").replace("\n", "⏎");
        if (flat.length() > max) {
            flat = flat.substring(0, Math.max(0, max - 1)) + "…";
        }
        return "\"" + flat + "\"";
    }

    /** {@link #quote(String, int)} cut to 80 characters. */
    public static String quote(String s) {
        return quote(s, 80);
    }

    /** The first line of {@code s} (of an exception's message, say): empty for null or empty text. */
    public static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** 1-based line number of {@code offset} in {@code text}. */
    public static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
