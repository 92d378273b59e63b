package dev.promptspec.run;

import dev.promptspec.config.Keys;
import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.internal.model.openai.OpenAiClients;
import dev.promptspec.internal.util.OptionalModules;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.Secret;
import dev.promptspec.model.provider.ModelProviderFactory;
import dev.promptspec.model.provider.ProviderContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Creates the run's own provider: a client given in code, the OpenAI-compatible endpoint, or a named provider. */
final class Providers {

    private Providers() {
    }

    /** How messages name the run's provider. */
    static String name(RunConfig config) {
        if (config.customClient().isPresent()) {
            return config.customClient().get().toString();
        }
        return config.provider().isOpenAi() ? config.endpoint().toString() : "provider " + config.provider().id();
    }

    static ModelClient create(RunConfig config) throws ModelCallException {
        if (config.customClient().isPresent()) {
            return config.customClient().get();
        }
        if (!config.provider().isOpenAi()) {
            return named(config);
        }
        return openAi(config, config.endpoint(), KeyHelp.forPrompts(config.endpoint()));
    }

    /** An OpenAI-compatible endpoint (the run's, or another one such as a judge's) with the run's timeout. */
    static ModelClient openAi(RunConfig config, OpenAiEndpoint endpoint, String missingKeyHelp) throws ModelCallException {
        if (endpoint.apiKey() == null && !endpoint.isLocal()) {
            throw new ModelCallException(Kind.MISSING_CREDENTIALS, noKey(endpoint, missingKeyHelp, config.recordingsDir()), 0);
        }
        List<Secret> secrets = new ArrayList<>();
        if (endpoint.apiKey() != null) {
            secrets.add(endpoint.apiKey());
        }
        if (config.endpoint().apiKey() != null) {
            secrets.add(config.endpoint().apiKey());
        }
        return OpenAiClients.create(endpoint, config.timeout(), new Redactor(secrets));
    }

    /**
     * Whether warming up the run's provider before its first call can help: the run may call a model (not {@code replay}
     * or {@code validate}), through the OpenAI-compatible endpoint (a named provider such as a container is never started
     * early), which it has a key for or which is local.
     */
    static boolean warmsUp(RunConfig config) {
        if (config.mode().replaysOnly() || config.mode() == RecordingMode.VALIDATE) {
            return false;
        }
        if (config.customClient().isPresent() || !config.provider().isOpenAi()) {
            return false;
        }
        return config.endpoint().apiKey() != null || config.endpoint().isLocal();
    }

    /** See {@link OpenAiClients#warmUp}: nothing is sent, nothing stays open. */
    static void warmUp(RunConfig config) {
        OpenAiClients.warmUp(config.endpoint());
    }

    /** How to set the key ({@code missingKeyHelp}), then what to do without one: replay answers only what is recorded. */
    static String noKey(OpenAiEndpoint endpoint, String missingKeyHelp, Path recordings) {
        String help = missingKeyHelp.strip();
        return "no API key for " + endpoint + ": " + help + (help.endsWith(".") ? " " : ". ") + "To record the answers (on a first"
                + " run), set the key and run again, in the default mode or with -D" + Keys.MODE + "=record; -D" + Keys.MODE + "=replay"
                + " runs without a key, but only the cases recorded in " + recordings.toString().replace('\\', '/');
    }

    /** The model the run's named provider serves for every prompt, if it serves one. */
    static Optional<String> servedModel(RunConfig config) {
        if (config.customClient().isPresent() || config.provider().isOpenAi()) {
            return Optional.empty();
        }
        return factory(config.provider().id()).flatMap(f -> f.servedModel(context(config)));
    }

    private static ModelClient named(RunConfig config) throws ModelCallException {
        String id = config.provider().id();
        Optional<ModelProviderFactory> factory = factory(id);
        if (factory.isPresent()) {
            return factory.get().create(context(config));
        }
        List<String> known = new ArrayList<>();
        for (ModelProviderFactory f : ServiceLoader.load(ModelProviderFactory.class, Providers.class.getClassLoader())) {
            known.add(f.id());
        }
        known.add("openai");
        String hint = OptionalModules.forProvider(id).map(module -> " (add the test dependency " + module + ")").orElse("");
        throw new ModelCallException(Kind.CONFIGURATION, Keys.PROVIDER + "=" + id + " is not a provider on the class path"
                + hint + "; known: " + String.join(", ", new TreeSet<>(known)), 0);
    }

    private static Optional<ModelProviderFactory> factory(String id) {
        for (ModelProviderFactory f : ServiceLoader.load(ModelProviderFactory.class, Providers.class.getClassLoader())) {
            if (f.id().equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static ProviderContext context(RunConfig config) {
        return new ProviderContext(config.provider().settings(), config.timeout(), redactor(config));
    }

    static Redactor redactor(RunConfig config) {
        List<Secret> secrets = new ArrayList<>();
        if (config.endpoint().apiKey() != null) {
            secrets.add(config.endpoint().apiKey());
        }
        return new Redactor(secrets);
    }
}
