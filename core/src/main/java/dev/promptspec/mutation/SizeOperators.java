package dev.promptspec.mutation;

import java.util.List;

/** The size operators: the answer cut short, repeated, missing, or refused. They apply to every response. */
final class SizeOperators {

    /** The refusal the {@code apology} operator answers with. */
    static final String APOLOGY = "I'm sorry, I can't help with that.";

    private SizeOperators() {
    }

    static List<MutationOperator> all() {
        return List.of(new MutationOperator("truncate-half", s -> List.of(half(s.text()))),
                new MutationOperator("duplicate", s -> List.of(s.text() + "\n\n" + s.text())),
                new MutationOperator("empty", s -> List.of("")),
                new MutationOperator("apology", s -> List.of(APOLOGY)));
    }

    /** The first half of the text, cut at the last whitespace before the middle when there is one (as a stop mid-answer). */
    static String half(String text) {
        int middle = text.length() / 2;
        int cut = middle;
        while (cut > 0 && !Character.isWhitespace(text.charAt(cut))) {
            cut--;
        }
        return text.substring(0, cut == 0 ? middle : cut).strip();
    }
}
