package dev.promptspec.eval.judge;

/**
 * One answer a judge may give and what it is worth, as gh-models' {@code choices} list them.
 *
 * @param choice the answer as the judge should write it ({@code "yes"}, {@code "4"}...)
 * @param score  its score, 0..1
 */
record Choice(String choice, double score) {

    Choice {
        if (choice == null || choice.isBlank()) {
            throw new IllegalArgumentException("a choice needs a text");
        }
        choice = choice.strip();
        if (Double.isNaN(score) || score < 0 || score > 1) {
            throw new IllegalArgumentException("score must be within 0..1, was " + score);
        }
    }
}
