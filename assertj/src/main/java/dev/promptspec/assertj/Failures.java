package dev.promptspec.assertj;

import dev.promptspec.eval.Verdict;

/** The failure messages of PromptSpec's assertions: what was expected, then what the check found. */
final class Failures {

    private static final int EXCERPT_LINES = 12;
    private static final int EXCERPT_CHARS = 1200;

    private Failures() {
    }

    /**
     * <pre>
     * Expecting section 'Risks' to have:
     *   at least 3 bullets
     * but:
     *   section 'Risks' has 1 bullet; expected at least 3
     * </pre>
     */
    static String message(String subject, String expectation, Verdict verdict, String response) {
        StringBuilder sb = new StringBuilder("\nExpecting ").append(subject).append(" to have:\n  ").append(expectation)
                .append("\nbut:\n  ").append(verdict.detail());
        if (response != null) {
            sb.append('\n').append(excerpt(response));
        }
        return sb.toString();
    }

    private static String excerpt(String response) {
        String text = response.strip();
        String[] lines = text.split("\n", -1);
        boolean cut = lines.length > EXCERPT_LINES || text.length() > EXCERPT_CHARS;
        StringBuilder sb = new StringBuilder("Response (").append(text.length()).append(" chars").append(cut ? ", first lines" : "")
                .append("):");
        int chars = 0;
        for (int i = 0; i < Math.min(lines.length, EXCERPT_LINES) && chars < EXCERPT_CHARS; i++) {
            sb.append("\n  | ").append(lines[i]);
            chars += lines[i].length();
        }
        if (cut) {
            sb.append("\n  | …");
        }
        return sb.toString();
    }
}
