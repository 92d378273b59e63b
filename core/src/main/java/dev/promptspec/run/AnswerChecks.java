package dev.promptspec.run;

import dev.promptspec.eval.string.ExpectedEvaluator;
import dev.promptspec.promptfile.TestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A file's checks on an answer that did not come from the case's own call (an application's answer, a mutant of a
 * recorded one), filtered by evaluator name, run by a {@link CaseRunner} whose client returns that answer: so the answer
 * is judged exactly as the case would be.
 */
final class AnswerChecks {

    private AnswerChecks() {
    }

    /**
     * @param runner          a runner whose prompt client answers with the answer to check
     * @param model           the model the case runs on in a run of several models, or null for its file's own
     * @param evaluatorFilter which checks to make, by evaluator name ({@code expected} for the implicit one)
     * @throws IllegalArgumentException when the filter leaves no check
     */
    static CaseResult run(CaseRunner runner, CompiledPrompt prompt, TestCase testCase, String model,
            Predicate<String> evaluatorFilter) {
        List<CompiledPrompt.ConfiguredEvaluator> kept = new ArrayList<>();
        for (CompiledPrompt.ConfiguredEvaluator e : prompt.evaluators()) {
            if (evaluatorFilter.test(e.spec().name())) {
                kept.add(e);
            }
        }
        boolean expectedCheck = testCase.expected() != null && !testCase.expected().isEmpty()
                && !prompt.evaluatorsUseExpected() && evaluatorFilter.test(ExpectedEvaluator.NAME);
        if (kept.isEmpty() && !expectedCheck) {
            List<String> names = new ArrayList<>(prompt.evaluators().stream().map(e -> e.spec().name()).toList());
            if (testCase.expected() != null && !testCase.expected().isEmpty() && !prompt.evaluatorsUseExpected()) {
                names.add(ExpectedEvaluator.NAME);
            }
            throw new IllegalArgumentException("the evaluator filter leaves no check of " + prompt.source().name()
                    + " to make; its checks: " + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
        CompiledPrompt checked = kept.size() == prompt.evaluators().size() ? prompt
                : new CompiledPrompt(prompt.source(), prompt.file(), kept, prompt.problems());
        // The implicit check is the runner's to add: it adds it when the case has an expected value and no evaluator
        // of the (filtered) file reads it. Without an expected value the filtered file cannot get it back.
        TestCase judged = expectedCheck || testCase.expected() == null ? testCase : withoutExpected(testCase);
        return runner.run(checked, judged, model);
    }

    private static TestCase withoutExpected(TestCase t) {
        return new TestCase(t.index(), t.key(), t.name(), t.description(), t.variables(), null, t.tags(), t.problems(),
                t.position(), t.dataFile(), t.keyPositions());
    }
}
