package dev.promptspec.mutation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.Verdict;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.CompiledPrompt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Mutation testing of one case: derives the mutants of the response a case passed on and runs the case's checks on
 * each, as the case would run them had the model answered that (the {@code expected} check and a file's
 * {@code threshold} included). A mutant is killed when the case would fail on it, survived when it would still pass.
 *
 * <p>Judges answer from the recordings only. A judge's request holds the answer it grades, so for a mutant it is
 * usually not recorded: that check is then not checkable. A mutant some other check fails is killed all the same; one
 * that every check it could run passes, with a check left that might have failed it, is not checkable: neither killed
 * nor survived, and not applicable.
 *
 * <p>Mutants identical to the recorded response (equivalent) or to an earlier mutant are skipped.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MutationTesting {

    /** Runs a case's checks on an answer, as the engine runs them: only those named by the filter. */
    @API(status = EXPERIMENTAL, since = "0.1")
    @FunctionalInterface
    public interface AnswerChecker {
        /**
         * @param answer     the answer to check (the recorded response with a mutant's text)
         * @param evaluators which checks to make, by evaluator name ({@code expected} for the implicit one)
         * @return the checks' result; an error when a judge got no answer (nothing recorded for it)
         */
        CaseResult check(ModelResponse answer, Predicate<String> evaluators);
    }

    private MutationTesting() {
    }

    /**
     * @param prompt  the case's file, runnable
     * @param passed  the case's result on its recorded response; it must have passed
     * @param checker runs the case's checks on an answer
     * @throws IllegalArgumentException when {@code passed} did not pass
     */
    public static CaseMutations analyse(CompiledPrompt prompt, CaseResult passed, AnswerChecker checker) {
        if (!passed.passed() || passed.response() == null) {
            throw new IllegalArgumentException("only a case that passed on a response is mutated; "
                    + passed.testCase().key() + " of " + passed.promptFile() + " did not");
        }
        Subject subject = Subject.of(passed.response().text(), passed.testCase(), prompt.fileOrThrow());
        Set<String> seen = new HashSet<>();
        seen.add(subject.text());
        List<MutantOutcome> outcomes = new ArrayList<>();
        for (Mutant m : Operators.mutants(subject)) {
            if (seen.add(m.text().strip())) {
                outcomes.add(judge(m, subject.text(), passed, checker));
            }
        }
        return new CaseMutations(outcomes);
    }

    private static MutantOutcome judge(Mutant mutant, String original, CaseResult passed, AnswerChecker checker) {
        ModelResponse r = passed.response();
        ModelResponse answer = new ModelResponse(mutant.text(), r.usage(), r.latency(), r.finishReason(), r.modelId(),
                r.attempts(), r.origin());
        List<CheckResult> checked = new ArrayList<>();
        List<CheckResult> unchecked = new ArrayList<>();
        CaseResult all = checker.check(answer, name -> true);
        if (all.error() == null) {
            checked.addAll(all.checks());
        } else {
            // A judge got no answer and the runner stopped there: run each check alone to learn what the others say.
            Set<String> names = new HashSet<>();
            for (CheckResult check : passed.checks()) {
                if (!names.add(check.name())) {
                    continue; // evaluators sharing a name run together
                }
                CaseResult one = checker.check(answer, check.name()::equals);
                if (one.error() == null) {
                    checked.addAll(one.checks());
                } else {
                    passed.checks().stream().filter(c -> c.name().equals(check.name())).forEach(unchecked::add);
                }
            }
        }
        String diff = OneLineDiff.of(original, mutant.text());
        // The best the unchecked checks could do is pass with full marks: if the case fails even so, it is killed.
        List<CheckResult> bestCase = new ArrayList<>(checked);
        unchecked.forEach(c -> bestCase.add(new CheckResult(c.name(), c.kind(), Verdict.pass("not checkable offline"), c.weight(), null)));
        CaseResult verdict = new CaseResult(passed.promptFile(), passed.testCase(), null, answer, bestCase, null, Duration.ZERO,
                passed.threshold());
        if (!verdict.passed()) {
            String killer = checked.stream().filter(c -> !c.passed()).map(CheckResult::name).findFirst().orElse(null);
            return new MutantOutcome(mutant.operator(), MutantOutcome.Status.KILLED, killer, diff);
        }
        return new MutantOutcome(mutant.operator(), unchecked.isEmpty() ? MutantOutcome.Status.SURVIVED
                : MutantOutcome.Status.NOT_CHECKABLE, null, diff);
    }
}
