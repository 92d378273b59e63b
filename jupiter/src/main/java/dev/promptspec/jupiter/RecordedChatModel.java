package dev.promptspec.jupiter;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.promptspec.internal.model.langchain.ChatModelClient;
import dev.promptspec.jupiter.internal.CallFailures;
import dev.promptspec.jupiter.internal.CurrentTest;
import dev.promptspec.jupiter.internal.RecordedTest;
import dev.promptspec.jupiter.internal.Session;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.run.RecordedCalls;
import dev.promptspec.run.SuppliedModel;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A langchain4j {@link ChatModel} whose calls go through PromptSpec's recordings: the configured provider's
 * ({@code promptspec.openai.*}, {@code promptspec.provider}) when it wraps nothing, else the wrapped model's. Each call
 * is recorded for the test running on the calling thread, else for the test the model was made for.
 */
final class RecordedChatModel implements ChatModel {

    private final Supplier<Optional<RecordedTest>> madeFor;
    private final ChatModel wrapped;
    private final SuppliedModel supplied;
    /** Requests on their way to the wrapped model, with what the application sent: so that nothing is lost live. */
    private final Map<ModelRequest, ChatRequest> inFlight = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param madeFor the test the model was made for, used when no test runs on the calling thread (empty for a
     *                wrapper, which a test may make before any test runs, in a field initializer)
     * @param wrapped the application's own model, or null for the configured provider
     */
    RecordedChatModel(Supplier<Optional<RecordedTest>> madeFor, ChatModel wrapped) {
        this.madeFor = madeFor;
        this.wrapped = wrapped;
        this.supplied = wrapped == null ? null : RecordedCalls.suppliedModel(wrapped, description(wrapped), this::parametersFor);
    }

    private static String description(ChatModel model) {
        return "PromptSpecRecorder.wrap(" + model.getClass().getSimpleName() + ")";
    }

    private ChatRequestParameters parametersFor(ModelRequest request) {
        ChatRequest original = inFlight.get(request);
        return original != null ? original.parameters() : ChatModelClient.portableParameters(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        if (wrapped != null) {
            return wrapped.defaultRequestParameters();
        }
        // The configured model (promptspec.model, else promptspec.default-model); an explicit model in the request wins
        // over the default, promptspec.model over both (see RecordedCalls.modelFor).
        String model = test().map(t -> t.session().config())
                .flatMap(config -> config.modelOverride().or(config::defaultModel)).orElse(null);
        return DefaultChatRequestParameters.builder().modelName(model).build();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of(); // a wrapped model's own listeners hear its live calls
    }

    @Override
    public ModelProvider provider() {
        return wrapped != null ? wrapped.provider() : ModelProvider.OTHER;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return wrapped != null ? wrapped.supportedCapabilities() : Set.of();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        RecordedTest test = test().orElseThrow(() -> new IllegalStateException(
                "PromptSpec records each model call for the test that makes it, and no test is running on thread '"
                        + Thread.currentThread().getName() + "': call the model from the test's own thread (not an executor"
                        + " of the application), in a class extended with @ExtendWith(PromptSpecExtension.class)"));
        CallContext call = test.nextCall();
        Session s = test.session();
        try {
            ModelResponse response;
            if (wrapped == null) {
                ModelRequest modelRequest = LangChain4jCalls.toModelRequest(request, s.calls().modelFor(request.modelName(), call));
                response = s.calls().call(modelRequest, call);
            } else {
                ModelRequest modelRequest = LangChain4jCalls.toModelRequest(request, wrappedModelName(request));
                inFlight.put(modelRequest, request);
                try {
                    response = s.calls().call(modelRequest, call, supplied);
                } finally {
                    inFlight.remove(modelRequest);
                }
            }
            test.answered(response);
            return LangChain4jCalls.toChatResponse(response);
        } catch (ModelCallException e) {
            throw CallFailures.unchecked(e);
        }
    }

    /** The test running on this thread, else the one the model was made for. */
    private Optional<RecordedTest> test() {
        return CurrentTest.get().or(madeFor);
    }

    /** The wrapped model's id as the request (after its defaults) names it, else its class: recorded as it is. */
    private String wrappedModelName(ChatRequest request) {
        String name = request.modelName();
        return name != null && !name.isBlank() ? name : wrapped.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return wrapped != null ? description(wrapped) : "PromptSpec's configured ChatModel";
    }
}
