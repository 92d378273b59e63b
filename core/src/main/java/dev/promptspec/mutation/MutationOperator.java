package dev.promptspec.mutation;

import java.util.List;
import java.util.function.Function;

/**
 * A deterministic way to make a response worse: its {@code rule} returns the same mutated texts, in the same order,
 * for the same subject (empty when it does not apply: no heading to drop, not JSON...). {@link Operators} bounds how
 * many of them are used.
 *
 * @param name the name reports show: lowercase words joined by hyphens
 * @param rule the mutated texts of a subject
 */
record MutationOperator(String name, Function<Subject, List<String>> rule) {

    List<String> mutate(Subject subject) {
        return rule.apply(subject);
    }
}
