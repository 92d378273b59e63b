package dev.promptspec.model.provider;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A provider chosen by name with {@code promptspec.provider=<id>}, found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.promptspec.model.provider.ModelProviderFactory}).
 * The built-in {@code openai} provider (any OpenAI-compatible endpoint) needs no factory; modules such as
 * {@code promptspec-ollama} add others.
 *
 * <p>{@link #create} is called once per run, on the first call that must reach a model (never in a run that
 * only replays). The client it returns makes one attempt per call: PromptSpec adds retries, rate limits,
 * timeouts and the budget around it. If the client is {@link AutoCloseable}, it is closed when the run ends.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ModelProviderFactory {

    /** The name users write in {@code promptspec.provider}. */
    String id();

    /**
     * @throws ModelCallException {@link ModelCallException.Kind#UNAVAILABLE} when the provider cannot run on
     *                            this machine (its cases are skipped), {@link ModelCallException.Kind#CONFIGURATION}
     *                            for settings that cannot work
     */
    ModelClient create(ProviderContext context) throws ModelCallException;

    /**
     * The model id this provider answers every prompt with, whatever the files name (a local server that
     * serves one model), or empty to send each file's model. Requests, and so recordings, carry this id.
     * Must not start anything: it is asked before any call, also in runs that only replay.
     */
    default Optional<String> servedModel(ProviderContext context) {
        return Optional.empty();
    }
}
