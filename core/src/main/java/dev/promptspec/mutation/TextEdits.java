package dev.promptspec.mutation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replacements of character ranges of one text, applied together (ranges must not overlap). */
final class TextEdits {

    private record Edit(int start, int end, String replacement) {
    }

    private final String text;
    private final List<Edit> edits = new ArrayList<>();

    TextEdits(String text) {
        this.text = text;
    }

    TextEdits replace(int start, int end, String replacement) {
        edits.add(new Edit(start, end, replacement));
        return this;
    }

    TextEdits delete(int start, int end) {
        return replace(start, end, "");
    }

    boolean isEmpty() {
        return edits.isEmpty();
    }

    /** The edited text as the one mutant of an operator that edits every place at once; none when nothing was edited. */
    java.util.List<String> asMutant() {
        return edits.isEmpty() ? java.util.List.of() : java.util.List.of(apply());
    }

    /** The text with every edit applied, its ends trimmed. */
    String apply() {
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(Edit::start));
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (Edit e : ordered) {
            if (e.start() < at) {
                continue; // overlaps an earlier edit: the earlier one already removed or rewrote this text
            }
            sb.append(text, at, e.start()).append(e.replacement());
            at = e.end();
        }
        sb.append(text, at, text.length());
        return sb.toString().strip();
    }
}
