package dev.promptspec.mutation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * Every mutant of one case's recorded response and how it ended: its mutation score is killed / applicable, where
 * applicable mutants are the killed and the survived (not the not-checkable ones).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CaseMutations(List<MutantOutcome> mutants) {

    public CaseMutations {
        mutants = List.copyOf(mutants);
    }

    public long killed() {
        return count(MutantOutcome.Status.KILLED);
    }

    /** Killed and survived mutants: those the case's checks could decide. */
    public long applicable() {
        return killed() + count(MutantOutcome.Status.SURVIVED);
    }

    public long notCheckable() {
        return count(MutantOutcome.Status.NOT_CHECKABLE);
    }

    /** Killed / applicable; empty when no mutant is applicable (nothing could be decided). */
    public OptionalDouble score() {
        return score(killed(), applicable());
    }

    /** The mutants the checks did not notice. */
    public List<MutantOutcome> survivors() {
        return mutants.stream().filter(m -> m.status() == MutantOutcome.Status.SURVIVED).toList();
    }

    /** Whether the score reaches {@code threshold}; a case with no applicable mutant has nothing to fail on. */
    public boolean reaches(double threshold) {
        return score().orElse(1) >= threshold;
    }

    /** Killed / applicable, empty when nothing is applicable: for a file's or a run's totals too. */
    public static OptionalDouble score(long killed, long applicable) {
        return applicable == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) killed / applicable);
    }

    /** "mutation score 0.40 (2 of 5 mutants killed; 1 not checkable offline)". */
    public String describe() {
        StringBuilder sb = new StringBuilder("mutation score ");
        sb.append(score().isPresent() ? String.format(Locale.ROOT, "%.2f", score().getAsDouble()) : "n/a").append(" (")
                .append(killed()).append(" of ").append(applicable()).append(applicable() == 1 ? " mutant" : " mutants").append(" killed");
        if (notCheckable() > 0) {
            sb.append("; ").append(notCheckable()).append(" not checkable offline");
        }
        return sb.append(')').toString();
    }

    /**
     * The failure message of a case whose score is below {@code threshold}: the score and each surviving mutant with its
     * operator and one-line diff.
     */
    public String failureMessage(double threshold, String caseName) {
        StringBuilder sb = new StringBuilder(describe()).append(String.format(Locale.ROOT, " is below the threshold %.2f", threshold))
                .append(" for ").append(caseName).append("\nSurviving mutants (the checks still pass on them):");
        for (MutantOutcome m : survivors()) {
            sb.append("\n  ").append(m.operator()).append(": ").append(m.diff());
        }
        return sb.toString();
    }

    private long count(MutantOutcome.Status status) {
        return mutants.stream().filter(m -> m.status() == status).count();
    }
}
