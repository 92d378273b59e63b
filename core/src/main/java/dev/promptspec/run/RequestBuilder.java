package dev.promptspec.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.config.RunConfig;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.Role;
import dev.promptspec.problem.MissingVariableException;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.MessageTemplate;
import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.promptfile.TestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** Renders a test case into exactly the request that would be sent, without sending it. */
@API(status = INTERNAL, since = "0.1")
public final class RequestBuilder {

    private RequestBuilder() {
    }

    /**
     * @throws TestCaseInputException when the case cannot be rendered (missing or required variables)
     * @throws ModelCallException     when no model can be chosen for the file
     */
    public static ModelRequest build(PromptFile file, TestCase testCase, RunConfig config)
            throws TestCaseInputException, ModelCallException {
        return build(file, testCase, config, java.util.Optional.empty());
    }

    /** @param pinnedModel the id of a model supplied in code ({@link SuppliedModel}), which replaces the file's */
    public static ModelRequest build(PromptFile file, TestCase testCase, RunConfig config, java.util.Optional<String> pinnedModel)
            throws TestCaseInputException, ModelCallException {
        return build(file, testCase, config, pinnedModel, null);
    }

    /**
     * @param pinnedModel    the id of a model supplied in code ({@link SuppliedModel}), which replaces the file's
     * @param modelUnderTest the model the case runs on in a run of several models ({@link ModelSelection#modelsOf}), or null
     */
    public static ModelRequest build(PromptFile file, TestCase testCase, RunConfig config, java.util.Optional<String> pinnedModel,
            String modelUnderTest) throws TestCaseInputException, ModelCallException {
        if (!testCase.problems().isEmpty()) {
            throw new TestCaseInputException(testCase.problems().stream().map(Problem::format).collect(Collectors.joining("\n")));
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (MessageTemplate m : file.messages()) {
            try {
                messages.add(new ChatMessage(m.role(), m.content().render(testCase.variables())));
            } catch (MissingVariableException e) {
                throw new TestCaseInputException(missing(testCase, m.role(), e).format());
            }
        }
        return new ModelRequest(ModelSelection.modelFor(file, config, pinnedModel, modelUnderTest), messages, file.modelParameters(), file.responseFormat());
    }

    /** At the entry (what the author must change), naming the message that needs the variables. */
    private static Problem missing(TestCase testCase, Role role, MissingVariableException e) {
        String entry = testCase.name() != null ? "'" + testCase.key() + "'" : testCase.key();
        String names = e.names().stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        return Problem.error(testCase.position(), "testData entry " + entry + " does not provide the "
                        + (e.names().size() == 1 ? "variable " : "variables ") + names + " used by the " + role.wireName()
                        + " message at line " + e.templatePosition().line(),
                "Add " + e.names().stream().map(n -> "'" + n + ":'").collect(Collectors.joining(", "))
                        + " to the entry, or a value for every entry under defaults:");
    }
}
