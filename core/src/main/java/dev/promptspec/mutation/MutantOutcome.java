package dev.promptspec.mutation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * What the case's checks made of one mutant of its recorded response.
 *
 * @param operator the operator that made it ({@code drop-section}, {@code strip-bold}...)
 * @param status   killed, survived, or not checkable offline
 * @param killedBy for a killed mutant, the first check (in file order) that failed on it; else null
 * @param diff     the change, in one line: {@code line 12: -"**Kafka**" +"Kafka"}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MutantOutcome(String operator, Status status, String killedBy, String diff) {

    /** How a mutant ended. */
    public enum Status {
        /** The case would fail on it: its checks noticed. */
        KILLED,
        /** The case would still pass on it: its checks did not notice. */
        SURVIVED,
        /**
         * No check failed, but a judge that might have could not grade it offline (its call for this answer is not
         * recorded): neither killed nor survived, and not counted as applicable.
         */
        NOT_CHECKABLE;

        /** The status as reports write it: {@code killed}, {@code survived}, {@code not-checkable}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
