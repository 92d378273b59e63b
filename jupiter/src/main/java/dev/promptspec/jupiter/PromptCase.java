package dev.promptspec.jupiter;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.jupiter.internal.CallFailures;
import dev.promptspec.jupiter.internal.CurrentTest;
import dev.promptspec.jupiter.internal.RecordedTest;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.report.CaseMessages;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.TestCaseInputException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;

/**
 * One {@code testData} entry of a prompt file, given to a {@code @ParameterizedTest} by {@link PromptCases}: its
 * variables are the input of the application's own code, and {@link #check(String)} applies the file's evaluators to
 * what that code answered, with the verdicts and the failure message the engine gives the file's own case.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PromptCase {

    private final CompiledPrompt prompt;
    private final TestCase testCase;
    private final String name;
    private final RecordedTest outsideInvocation;
    private volatile RecordedTest invocation;

    /**
     * @param outsideInvocation where its judges are recorded when it is checked outside the invocation it was made for
     */
    PromptCase(CompiledPrompt prompt, TestCase testCase, String name, RecordedTest outsideInvocation) {
        this.prompt = prompt;
        this.testCase = testCase;
        this.name = name;
        this.outsideInvocation = outsideInvocation;
    }

    /** The case's name, as the engine names it: the entry's {@code name}, else its description, else {@code #n} and its variables. */
    public String name() {
        return name;
    }

    /** The prompt file, by its class-path name. */
    public String file() {
        return prompt.source().name();
    }

    /** Every variable of the entry, after the file's defaults ({@code expected} included), in the file's order. */
    public Map<String, String> variables() {
        return testCase.variables();
    }

    /**
     * The value of one variable.
     *
     * @throws IllegalArgumentException naming the entry's variables, when it has none of that name
     */
    public String variable(String variableName) {
        String value = testCase.variables().get(variableName);
        if (value == null) {
            throw new IllegalArgumentException("testData entry '" + name + "' of " + file() + " (" + testCase.position()
                    + ") has no variable '" + variableName + "'; its variables: " + String.join(", ", testCase.variables().keySet()));
        }
        return value;
    }

    /** The entry's {@code expected} text, when it has one. */
    public Optional<String> expected() {
        return testCase.expectedText();
    }

    /**
     * Checks {@code answer} with every evaluator of the file, and with {@code expected} as the engine does (the answer
     * must contain it, unless an evaluator reads {@code {{expected}}}). Judges ask PromptSpec's configured judge,
     * through its recordings (recorded for this test, in its class's recordings).
     *
     * @return the verdicts, when the answer passes
     * @throws AssertionFailedError when it does not: the engine's message, every check with its verdict and an excerpt
     *                              of the answer
     * @throws ModelCallFailedException when a judge got no answer (no recording in replay mode, say)
     */
    public Verdicts check(String answer) {
        return check(answer, evaluatorName -> true);
    }

    /**
     * {@link #check(String)} with only the evaluators whose name {@code evaluatorFilter} accepts ({@code expected} names
     * the implicit check): to leave out a judge, or a check this code path does not promise.
     *
     * @throws IllegalArgumentException when the filter leaves no check, which would pass anything
     */
    public Verdicts check(String answer, Predicate<String> evaluatorFilter) {
        if (answer == null) {
            throw new IllegalArgumentException("the answer to check is null");
        }
        RecordedTest test = invocation != null ? invocation : CurrentTest.get().orElse(outsideInvocation);
        ModelResponse response = test.answerWithText(answer)
                .orElseGet(() -> new ModelResponse(answer, TokenUsage.UNKNOWN, Duration.ZERO, null, null, 0, ModelResponse.Origin.LIVE));
        CaseResult result = test.session().calls().checkAnswer(prompt, testCase, response, test.judges(), evaluatorFilter);
        Throwable error = result.error();
        if (error instanceof ModelCallException e) {
            throw CallFailures.unchecked(e);
        }
        if (error instanceof RuntimeException e) {
            throw e;
        }
        if (error != null) {
            throw new IllegalStateException(error.getMessage(), error);
        }
        if (!result.passed()) {
            AssertionFailedError failure = new AssertionFailedError(CaseMessages.failure(result, "'" + name + "'"));
            // an evaluator that threw (user code, say) shows its stack trace, as in the engine's report
            result.checks().stream().filter(c -> c.error() != null).forEach(c -> failure.addSuppressed(c.error()));
            throw failure;
        }
        return new Verdicts(result);
    }

    /** Called by the extension as the invocation this case was made for starts; fails it when the entry cannot run. */
    void startInvocation(RecordedTest test) throws TestCaseInputException {
        this.invocation = test;
        if (!testCase.problems().isEmpty()) {
            throw new TestCaseInputException(testCase.problems().stream().map(Problem::format).collect(Collectors.joining("\n")));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
