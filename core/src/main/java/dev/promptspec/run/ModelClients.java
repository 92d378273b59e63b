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
import java.util.Optional;

/**
 * Builds the chain every model call of a run goes through:
 * recording (replay/record) → provider. Prompt calls and judge calls share the recordings, so judged suites
 * replay offline too; a judge with an endpoint of its own ({@link RunConfig#judgeEndpoint()}) gets its own provider.
 */
final class ModelClients {

    private final ModelClient prompts;
    private final ModelClient judges;

    ModelClients(RunConfig config, Clock clock) {
        RecordingStore store = new RecordingStore(config.recordingsDir());
        this.prompts = new RecordingClient(config.mode(), store,
                new LazyProvider(config, config.endpoint(), config.missingKeyHelp(), config.customClient()), clock);
        // A judge on its own endpoint gets its own provider, but the same recordings and mode: judged suites replay offline.
        this.judges = config.judgeEndpoint()
                .<ModelClient>map(j -> new RecordingClient(config.mode(), store,
                        new LazyProvider(config, j.endpoint(), j.missingKeyHelp(), Optional.empty()), clock))
                .orElse(prompts);
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
        private final OpenAiEndpoint endpoint;
        private final String missingKeyHelp;
        private final Optional<ModelClient> customClient;
        private volatile ModelClient client;

        /** A provider for {@code endpoint}, or for the user's own {@code customClient} when there is one. */
        LazyProvider(RunConfig config, OpenAiEndpoint endpoint, String missingKeyHelp, Optional<ModelClient> customClient) {
            this.config = config;
            this.endpoint = endpoint;
            this.missingKeyHelp = missingKeyHelp;
            this.customClient = customClient;
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
            if (customClient.isPresent()) {
                return customClient.get();
            }
            if (endpoint.apiKey() == null && !endpoint.isLocal()) {
                throw new ModelCallException(ModelCallException.Kind.MISSING_CREDENTIALS,
                        "no API key for " + endpoint + ": " + missingKeyHelp, 0);
            }
            List<Secret> secrets = new ArrayList<>();
            if (endpoint.apiKey() != null) {
                secrets.add(endpoint.apiKey());
            }
            return OpenAiClients.create(endpoint, config.timeout(), new Redactor(secrets));
        }
    }
}
