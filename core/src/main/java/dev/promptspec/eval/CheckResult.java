package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One evaluator's result on one test case.
 *
 * @param name    the evaluator's name in the file ("expected" for the implicit check)
 * @param kind    the evaluator's kind ({@code string}, {@code regex}, ...)
 * @param verdict what it concluded; a crashed evaluator has a failed verdict naming the exception
 * @param weight  its weight in the weighted score
 * @param error   what the evaluator threw, or null
 */
@API(status = INTERNAL, since = "0.1")
public record CheckResult(String name, String kind, Verdict verdict, double weight, Throwable error) {

    /** Whether the verdict passed (an evaluator that threw has failed). */
    public boolean passed() {
        return verdict.passed();
    }
}
