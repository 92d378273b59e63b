package dev.promptspec.eval.string;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.Texts;
import dev.promptspec.eval.Verdict;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The implicit check named "expected": when a test case has a string {@code expected} and no evaluator of
 * its file reads {@code {{expected}}}, the response must contain it, ignoring case. Without this, an
 * {@code expected} that nothing checks would silently check nothing.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExpectedEvaluator implements Evaluator {

    public static final String NAME = "expected";

    @Override
    public Verdict evaluate(EvaluationContext context) {
        String expected = context.testCase().expected();
        if (expected == null || expected.isEmpty()) {
            return Verdict.pass("no expected value");
        }
        boolean ok = context.response().toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT));
        return ok ? Verdict.pass("contains the expected " + Texts.quote(expected))
                : Verdict.fail("does not contain the expected " + Texts.quote(expected) + " (ignoring case)");
    }

    @Override
    public Set<String> variablesUsed() {
        return Set.of("expected");
    }
}
