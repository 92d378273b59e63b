package dev.promptspec.mutation;

/**
 * One altered response.
 *
 * @param operator the operator's name, as the reports show it ({@code drop-section})
 * @param text     the mutated response
 */
record Mutant(String operator, String text) {
}
