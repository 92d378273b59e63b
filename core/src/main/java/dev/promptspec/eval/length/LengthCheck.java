package dev.promptspec.eval.length;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.Verdict;
import org.apiguardian.api.API;

/**
 * The response has at least {@code min} and at most {@code max} {@code unit}s (either bound may be null).
 * Shared by the {@code length} evaluator and the Java assertions.
 */
@API(status = INTERNAL, since = "0.1")
public record LengthCheck(TextUnit unit, Integer min, Integer max) {

    public LengthCheck {
        if (min == null && max == null) {
            throw new IllegalArgumentException("give a minimum, a maximum or both");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("minimum " + min + " is greater than maximum " + max);
        }
    }

    /** "at most 400 words" */
    public String expectation() {
        if (min != null && max != null) {
            return min.equals(max) ? "exactly " + unit.counted(min) : "between " + min + " and " + max + " " + unit.plural();
        }
        return min != null ? "at least " + unit.counted(min) : "at most " + unit.counted(max);
    }

    public Verdict check(String response) {
        int n = unit.count(response.strip());
        String found = "the response has " + unit.counted(n);
        boolean ok = (min == null || n >= min) && (max == null || n <= max);
        return ok ? Verdict.pass(found) : Verdict.fail(found + "; expected " + expectation());
    }
}
