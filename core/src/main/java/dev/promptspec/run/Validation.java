package dev.promptspec.run;

import dev.promptspec.promptfile.TestCase;
import java.util.ArrayList;
import java.util.List;

/**
 * What validate mode checks beyond rendering the request: that every evaluator finds the variables it reads in
 * the case, so a check that could only say "cannot check" at run time fails now, without a model.
 */
final class Validation {

    private Validation() {
    }

    /** Null when every evaluator has its inputs, else the failure naming each missing variable. */
    static TestCaseInputException evaluatorInputs(CompiledPrompt prompt, TestCase testCase) {
        List<String> missing = new ArrayList<>();
        for (CompiledPrompt.ConfiguredEvaluator e : prompt.evaluators()) {
            for (String v : e.evaluator().variablesUsed()) {
                // expected is optional per entry (checks read it when present); the run supplies the response itself.
                if (!testCase.variables().containsKey(v) && !v.equals("expected") && !VariableUsage.SUPPLIED_BY_RUN.contains(v)) {
                    missing.add("evaluator '" + e.spec().name() + "' (" + e.spec().position() + ") reads {{" + v + "}}");
                }
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return new TestCaseInputException(testCase.position() + ": testData entry " + testCase.key() + " does not provide what its"
                + " evaluators read: " + String.join("; ", missing) + ". Add the variables to the entry, or a value for every entry"
                + " under defaults:");
    }
}
