package dev.promptspec.ollama;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.internal.model.openai.OpenAiClients;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.provider.ProviderContext;
import java.net.URI;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.ollama.OllamaContainer;
import org.testcontainers.utility.DockerImageName;

/** A started Ollama container with its model pulled, answering through its OpenAI-compatible API. */
final class OllamaContainerClient implements ModelClient, AutoCloseable {

    private final OllamaContainer container;
    private final ModelClient client;

    private OllamaContainerClient(OllamaContainer container, ModelClient client) {
        this.container = container;
        this.client = client;
    }

    static OllamaContainerClient start(OllamaSettings settings, ProviderContext context) throws ModelCallException {
        OllamaContainer container = new OllamaContainer(DockerImageName.parse(settings.image()).asCompatibleSubstituteFor("ollama/ollama"));
        try {
            container.start();
            ExecResult pull = container.execInContainer("ollama", "pull", settings.model());
            if (pull.getExitCode() != 0) {
                throw new ModelCallException(Kind.CONFIGURATION, "Ollama could not pull the model '" + settings.model() + "' (set "
                        + OllamaSettings.MODEL_KEY + " to a model from https://ollama.com/library): "
                        + pull.getStderr().strip(), 0);
            }
        } catch (ModelCallException e) {
            container.stop();
            throw e;
        } catch (InterruptedException e) {
            container.stop();
            Thread.currentThread().interrupt();
            throw new ModelCallException(Kind.CANCELLED, "interrupted while starting the Ollama container", 0);
        } catch (Exception e) {
            container.stop();
            throw new ModelCallException(Kind.CONFIGURATION, "the Ollama container (" + settings.image() + ") could not start: " + e, 0, 0, e);
        }
        OpenAiEndpoint endpoint = new OpenAiEndpoint(URI.create(container.getEndpoint() + "/v1"), null, null);
        return new OllamaContainerClient(container, OpenAiClients.create(endpoint, context.timeout(), context.redactor()));
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        return client.call(request, context);
    }

    @Override
    public void close() {
        if (client instanceof AutoCloseable c) {
            try {
                c.close(); // the HTTP client's threads
            } catch (Exception ignored) {
                // the run is over; the container is stopped all the same
            }
        }
        container.stop();
    }

    @Override
    public String toString() {
        return "Ollama container " + container.getDockerImageName();
    }
}
