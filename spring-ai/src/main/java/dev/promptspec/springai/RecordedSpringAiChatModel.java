package dev.promptspec.springai;

import dev.promptspec.jupiter.internal.CallFailures;
import dev.promptspec.jupiter.internal.CurrentTest;
import dev.promptspec.jupiter.internal.RecordedTest;
import dev.promptspec.jupiter.internal.Session;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Redactor;
import dev.promptspec.run.SuppliedModel;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * A Spring AI {@link ChatModel} behind PromptSpec's recordings: each call is replayed or recorded (by
 * {@code promptspec.mode}) for the test running on the calling thread; live calls go to the wrapped model with the prompt
 * as the application made it.
 */
final class RecordedSpringAiChatModel implements ChatModel {

    private final ChatModel wrapped;
    private final String name;
    private final Function<RecordedTest, Session> session;
    private final Supplier<Redactor> redactor;
    private final SuppliedModel supplied;
    /** Prompts on their way to the wrapped model, by the request recorded for them. */
    private final Map<ModelRequest, Prompt> inFlight = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param name    how messages name the model (a bean's name, say)
     * @param session  the configuration a test's calls go through: the application context's, or the test's own
     * @param redactor removes the application's keys from what a failed call says
     */
    RecordedSpringAiChatModel(ChatModel wrapped, String name, Function<RecordedTest, Session> session, Supplier<Redactor> redactor) {
        this.wrapped = wrapped;
        this.name = name;
        this.session = session;
        this.redactor = redactor;
        this.supplied = new SuppliedModel(name, Optional.empty(), () -> this::callWrapped);
    }

    ChatModel wrapped() {
        return wrapped;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        RecordedTest test = CurrentTest.get().orElseThrow(() -> new IllegalStateException("PromptSpec records each model"
                + " call for the test that makes it, and no test is running on thread '" + Thread.currentThread().getName()
                + "': " + name + " was called outside a test method (while the application context started, in @BeforeAll,"
                + " or on a thread of the application). Call it from the test, or leave promptspec.mode unset for this test"));
        CallContext call = test.nextCall();
        ModelRequest request = SpringAiCalls.toModelRequest(prompt, wrapped.getDefaultOptions(), wrapped.getClass().getSimpleName());
        inFlight.put(request, prompt);
        try {
            ModelResponse response = session.apply(test).calls().call(request, call, supplied);
            test.answered(response);
            return SpringAiCalls.toChatResponse(response);
        } catch (ModelCallException e) {
            throw CallFailures.unchecked(e);
        } finally {
            inFlight.remove(request);
        }
    }

    /** One live attempt: the wrapped model, with the prompt the application made. */
    private ModelResponse callWrapped(ModelRequest request, CallContext context) throws ModelCallException {
        Prompt prompt = inFlight.get(request);
        if (prompt == null) {
            throw new IllegalStateException("no prompt in flight for " + context + " (a bug in PromptSpec)");
        }
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = wrapped.call(prompt);
        } catch (RuntimeException e) {
            // Spring AI retries its own calls (spring.ai.retry.*): what reaches here is final, so PromptSpec does not retry.
            Redactor r = redactor.get();
            throw new ModelCallException(ModelCallException.Kind.REJECTED, name + " failed: " + r.redact(e.toString()), 1, 0,
                    r.redact(e));
        }
        return SpringAiCalls.toModelResponse(response, Duration.ofNanos(System.nanoTime() - start), name);
    }

    /** The whole answer as one chunk, recorded like {@link #call(Prompt)}; the call is made on the calling thread. */
    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        return Flux.just(call(prompt));
    }

    @Override
    public ChatOptions getDefaultOptions() {
        return wrapped.getDefaultOptions();
    }

    /**
     * Spring AI 2.0's name for the model's options, from which {@code ChatClient} builds each prompt's (in the wrapped
     * model's own options class). Spring AI 1.1 has no such method and never calls it.
     */
    @Override
    public ChatOptions getOptions() {
        return wrapped.getOptions();
    }

    @Override
    public String toString() {
        return "PromptSpec recordings of " + name;
    }
}
