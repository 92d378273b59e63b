package dev.promptspec.mutation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every operator, in the order reports list them, and the bound on how many mutants each may make. */
final class Operators {

    /**
     * At most this many mutants per operator and case. An operator with more candidates (a response with twenty
     * sections) keeps this many spread evenly over them, first and last included, so the choice is deterministic and
     * covers the whole response.
     */
    static final int MAX_PER_OPERATOR = 8;

    static final List<MutationOperator> ALL = Stream.of(StructureOperators.all(), ContentOperators.all(), SizeOperators.all(),
            JsonOperators.all()).flatMap(List::stream).toList();

    private Operators() {
    }

    /** Every operator's mutants of {@code subject}, in operator order, each operator's bounded. */
    static List<Mutant> mutants(Subject subject) {
        List<Mutant> out = new ArrayList<>();
        for (MutationOperator operator : ALL) {
            for (String text : spread(operator.mutate(subject), MAX_PER_OPERATOR)) {
                out.add(new Mutant(operator.name(), text));
            }
        }
        return out;
    }

    /** {@code max} items spread evenly over {@code items}, first and last included; all of them when they are fewer. */
    static <T> List<T> spread(List<T> items, int max) {
        int n = items.size();
        if (n <= max) {
            return items;
        }
        List<T> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(items.get((int) Math.round((double) i * (n - 1) / (max - 1))));
        }
        return out;
    }
}
