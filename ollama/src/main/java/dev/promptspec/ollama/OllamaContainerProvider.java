package dev.promptspec.ollama;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.provider.ModelProviderFactory;
import dev.promptspec.model.provider.ProviderContext;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/**
 * {@code promptspec.provider=ollama-container}: runs Ollama in a Docker container through Testcontainers,
 * pulls the model once, and answers every prompt of the run with it through Ollama's OpenAI-compatible
 * {@code /v1} API. The container is started on the run's first live call (never in a run that only
 * replays), shared by all of the run's calls, and stopped when the run ends.
 *
 * <p>Without Docker, cases that need a live call are skipped (aborted, with the reason), not failed, as
 * Testcontainers' {@code disabledWithoutDocker} does: a laptop without Docker still runs the rest.
 */
@API(status = INTERNAL, since = "0.1")
public final class OllamaContainerProvider implements ModelProviderFactory {

    public static final String ID = "ollama-container";

    private final BooleanSupplier dockerAvailable;

    public OllamaContainerProvider() {
        this(Docker::isAvailable);
    }

    OllamaContainerProvider(BooleanSupplier dockerAvailable) {
        this.dockerAvailable = dockerAvailable;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> servedModel(ProviderContext context) {
        return Optional.of(OllamaSettings.from(context).model());
    }

    @Override
    public ModelClient create(ProviderContext context) throws ModelCallException {
        OllamaSettings settings = OllamaSettings.from(context);
        if (!dockerAvailable.getAsBoolean()) {
            throw new ModelCallException(Kind.UNAVAILABLE, "promptspec.provider=" + ID
                    + " needs Docker, and no Docker environment was found on this machine, so this case was skipped."
                    + " Start Docker (or point DOCKER_HOST at one), or run from recordings with -Dpromptspec.mode=replay", 0);
        }
        return OllamaContainerClient.start(settings, context);
    }
}
