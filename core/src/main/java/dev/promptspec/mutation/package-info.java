/**
 * Mutation testing of recorded responses ({@code promptspec.mode=mutate}): for a case that passes on its recorded
 * response, deterministic operators derive mutants of that response (a dropped section, stripped bold, a negated rule,
 * a truncated answer, a JSON field removed...), and the case's own checks run on each. A mutant the checks reject is
 * <em>killed</em>; one they still pass <em>survived</em>: the suite would not notice that bad answer. The score is
 * killed / applicable mutants. {@link dev.promptspec.mutation.MutationTesting} is the entry point; the operators are
 * package-private and listed in {@code docs/mutation-testing.md}.
 */
package dev.promptspec.mutation;
