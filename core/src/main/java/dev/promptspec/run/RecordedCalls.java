package dev.promptspec.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.promptspec.config.Keys;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.internal.model.langchain.ChatModelClient;
import dev.promptspec.internal.model.recording.RecordingStore;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.Timing;
import dev.promptspec.model.cost.RunUsage;
import dev.promptspec.promptfile.TestCase;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Model calls made by an application's own code (a service that builds its prompt in code), through the same chain
 * as a run's prompt files: recordings (replay, record, auto, live), retries, limits, budget, timeout and usage. And the
 * checks of a prompt file applied to an answer that code produced, exactly as the engine checks a case.
 *
 * <p>A call is recorded under its {@link CallContext}: {@code promptFile} names the recordings file (as for a prompt
 * file: {@code jupiter/com.acme.ArchitectTest} is kept in {@code jupiter/com.acme.ArchitectTest.recordings.yml} under
 * the recordings folder), {@code caseKey} the test, {@code purpose} the call within it. Replay answers a request whose
 * fingerprint (model, messages, parameters, response format) a recording of that file has; a request with none is
 * diagnosed against the latest recording of the same test and call ("prompt changed since it was recorded").
 *
 * <p>Thread-safe. One instance per recordings folder and configuration in a JVM: two instances writing the same
 * recordings file would each rewrite it from what they know.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RecordedCalls implements AutoCloseable {

    private final RunConfig config;
    private final ModelClients clients;

    /** @param timing how retries and rate limits wait ({@link Timing#SYSTEM}; tests pass a fake) */
    public RecordedCalls(RunConfig config, Clock clock, Timing timing) {
        this.config = config;
        // Written through: a test's recordings are on disk when it ends (a run of the engine coalesces its writes).
        this.clients = new ModelClients(config, clock, timing, () -> false,
                new RecordingStore(config.recordingsDir(), Duration.ZERO));
    }

    public RunConfig config() {
        return config;
    }

    /**
     * The model id a request of the application's code is sent and recorded with: {@value Keys#MODEL} when set, else
     * the one the code asked for, else {@value Keys#DEFAULT_MODEL}.
     *
     * @throws ModelCallException {@code CONFIGURATION}, saying what to set, when there is none
     */
    public String modelFor(String requested, CallContext context) throws ModelCallException {
        Optional<String> chosen = config.modelOverride().or(() -> Optional.ofNullable(requested).filter(m -> !m.isBlank()))
                .or(config::defaultModel);
        if (chosen.isEmpty()) {
            throw new ModelCallException(ModelCallException.Kind.CONFIGURATION, context + ": the request names no model: set "
                    + Keys.DEFAULT_MODEL + " (or " + Keys.MODEL + "), or name one in the request", 0);
        }
        return chosen.get();
    }

    /** Answers {@code request} through the recordings, calling the configured provider when the mode says so. */
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        return clients.prompts().call(request, context);
    }

    /** Answers {@code request} through the recordings, calling {@code model} (not the configured provider) when live. */
    public ModelResponse call(ModelRequest request, CallContext context, SuppliedModel model) throws ModelCallException {
        return clients.promptsFor(model).call(request, context);
    }

    /**
     * A langchain4j model the application's code built, answering through {@link #call(ModelRequest, CallContext,
     * SuppliedModel)}: each live call sends the request's messages with the parameters {@code parameters} gives for it
     * (the application's own, so that nothing the recording has no field for is lost on the way).
     *
     * @param description names the model in messages
     */
    public static SuppliedModel suppliedModel(ChatModel model, String description,
            Function<ModelRequest, ChatRequestParameters> parameters) {
        return new SuppliedModel(description, Optional.empty(), () -> new ChatModelClient(model, description, parameters,
                Redactor.none()));
    }

    /**
     * The checks of {@code prompt} (its evaluators and the implicit {@code expected} check, as the engine runs them) on
     * {@code answer}, an answer the application produced for {@code testCase}. Judges call the configured judge
     * through the recordings, recorded as {@code recordedAs} with their own purpose ({@code judge:<evaluator>}), not
     * in the prompt file's recordings: the engine's entries for the file judge another answer.
     *
     * <p>The result is the engine's: its checks, error and threshold, read with {@code report.CaseMessages}. The
     * request it holds is the file's own rendering of the case, not what the application sent.
     *
     * @param evaluatorFilter which checks to make, by evaluator name ({@code expected} for the implicit one); the
     *                        others are not run
     * @throws IllegalArgumentException when the filter leaves no check
     */
    public CaseResult checkAnswer(CompiledPrompt prompt, TestCase testCase, ModelResponse answer, CallContext recordedAs,
            Predicate<String> evaluatorFilter) {
        ModelClient application = (request, context) -> answer;
        ModelClient judges = (request, context) -> clients.judges().call(request,
                new CallContext(recordedAs.promptFile(), recordedAs.caseKey(), context.purpose()));
        // Validate mode renders without checking; the answer here exists, so it is checked (judges still call nothing).
        RunConfig checking = config.mode() == RecordingMode.VALIDATE ? config.withMode(RecordingMode.REPLAY) : config;
        return AnswerChecks.run(new CaseRunner(application, judges, checking, Optional.empty()), prompt, testCase, null,
                evaluatorFilter);
    }

    /** What the calls used so far: live and replayed, tokens, estimated cost, retries. */
    public RunUsage usage() {
        return clients.meter().snapshot();
    }

    /** Closes the providers it created (a container, say) and the timeout's watchdog. */
    @Override
    public void close() {
        clients.close();
    }
}
