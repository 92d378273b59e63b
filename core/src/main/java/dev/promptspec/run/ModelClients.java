package dev.promptspec.run;

import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.Secret;
import dev.promptspec.model.openai.OpenAiClients;
import dev.promptspec.model.openai.OpenAiEndpoint;
import dev.promptspec.model.recording.RecordingClient;
import dev.promptspec.model.recording.RecordingStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the chain every model call of a run goes through:
 * recording (replay/record) → provider. Prompt calls and judge calls share the recordings, so judged suites
 * replay offline too.
 */
final class ModelClients {

    private final ModelClient prompts;
    private final ModelClient judges;

    ModelClients(RunConfig config, Clock clock) {
        RecordingStore store = new RecordingStore(config.recordingsDir());
        this.prompts = new RecordingClient(config.mode(), store, new LazyProvider(config), clock);
        this.judges = prompts;
    }

    /** The client for the prompts' own calls. */
    ModelClient prompts() {
        return prompts;
    }

    /** The client for model-graded evaluators. */
    ModelClient judges() {
        return judges;
    }

    /** Builds the provider client on first use, so replay-only runs never need a key. */
    private static final class LazyProvider implements RecordingClient.LiveClient {
        private final RunConfig config;
        private volatile ModelClient client;

        LazyProvider(RunConfig config) {
            this.config = config;
        }

        @Override
        public ModelClient get() throws ModelCallException {
            ModelClient c = client;
            if (c != null) {
                return c;
            }
            synchronized (this) {
                if (client == null) {
                    client = create();
                }
                return client;
            }
        }

        private ModelClient create() throws ModelCallException {
            if (config.customClient().isPresent()) {
                return config.customClient().get();
            }
            OpenAiEndpoint endpoint = config.endpoint();
            if (endpoint.apiKey() == null && !endpoint.isLocal()) {
                throw new ModelCallException(ModelCallException.Kind.MISSING_CREDENTIALS,
                        "no API key for " + endpoint + ": " + config.missingKeyHelp(), 0);
            }
            List<Secret> secrets = new ArrayList<>();
            if (endpoint.apiKey() != null) {
                secrets.add(endpoint.apiKey());
            }
            return OpenAiClients.create(endpoint, config.timeout(), new Redactor(secrets));
        }
    }
}
