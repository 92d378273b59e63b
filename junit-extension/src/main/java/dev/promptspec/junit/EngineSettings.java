package dev.promptspec.junit;

import dev.promptspec.config.JudgeEndpoint;
import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.config.YamlLimits;
import dev.promptspec.internal.util.Durations;
import dev.promptspec.model.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Reads the {@link Constants} keys (then the environment for endpoint and key) into a {@link RunConfig}.
 * Invalid values are collected as errors naming the key, never guessed around.
 */
final class EngineSettings {

    private final RunConfig runConfig;
    private final boolean strict;
    private final List<String> errors;

    private EngineSettings(RunConfig runConfig, boolean strict, List<String> errors) {
        this.runConfig = runConfig;
        this.strict = strict;
        this.errors = List.copyOf(errors);
    }

    /** {@value Constants#STRICT}: every warning is an error. */
    boolean strict() {
        return strict;
    }

    RunConfig runConfig() {
        return runConfig;
    }

    /** Configuration mistakes; each makes the whole run fail before anything is called. */
    List<String> errors() {
        return errors;
    }

    static EngineSettings read(ConfigurationParameters params, Function<String, String> env) {
        Reader r = new Reader(params, env);
        RecordingMode mode = r.get(Constants.MODE).map(v -> RecordingMode.parse(v).orElseGet(() -> {
            r.errors.add(Constants.MODE + "=" + v + " is not a mode; use auto, replay, record, live or validate");
            return RecordingMode.AUTO;
        })).orElse(RecordingMode.AUTO);

        String baseUrlText = r.get(Constants.OPENAI_BASE_URL).or(() -> r.env("OPENAI_BASE_URL")).orElse(OpenAiEndpoint.OPENAI.toString());
        URI baseUrl = r.url(baseUrlText, Constants.OPENAI_BASE_URL + " (or OPENAI_BASE_URL)").orElse(OpenAiEndpoint.OPENAI);
        boolean github = "models.github.ai".equalsIgnoreCase(baseUrl.getHost());
        Secret key = null;
        String keySource = null;
        String help;
        Optional<String> configured = r.get(Constants.OPENAI_API_KEY);
        if (configured.isPresent()) {
            key = Secret.ofNullable(configured.get());
            keySource = "configuration parameter " + Constants.OPENAI_API_KEY;
        }
        if (key == null && github) {
            key = Secret.ofNullable(env.apply("GITHUB_TOKEN"));
            keySource = key == null ? null : "environment variable GITHUB_TOKEN";
        }
        if (key == null) {
            key = Secret.ofNullable(env.apply("OPENAI_API_KEY"));
            keySource = key == null ? null : "environment variable OPENAI_API_KEY";
        }
        // Core adds what to do on a first run (record) and when replay helps (recordings exist).
        help = github
                ? "set the environment variable GITHUB_TOKEN (a token with the models:read permission), or the configuration parameter "
                        + Constants.OPENAI_API_KEY
                : "set the environment variable OPENAI_API_KEY, or the configuration parameter " + Constants.OPENAI_API_KEY
                        + " (e.g. -D" + Constants.OPENAI_API_KEY + "=... on the command line; keep keys out of committed files)";

        int concurrency = r.integer(Constants.CONCURRENCY, RunConfig.DEFAULT_CONCURRENCY, 1, 256);
        Path recordings = r.get(Constants.RECORDINGS_DIR).map(Path::of).orElse(RunConfig.DEFAULT_RECORDINGS_DIR);
        Duration timeout = r.get(Constants.TIMEOUT).map(v -> Durations.parse(v).filter(d -> !d.isZero()).orElseGet(() -> {
            r.errors.add(Constants.TIMEOUT + "=" + v + " is not a duration; write 90s, 2m or PT2M");
            return RunConfig.DEFAULT_TIMEOUT;
        })).orElse(RunConfig.DEFAULT_TIMEOUT);
        YamlLimits d = YamlLimits.DEFAULTS;
        YamlLimits limits = new YamlLimits(
                r.integer(Constants.LIMIT_FILE_BYTES, d.maxFileBytes(), 1024, Integer.MAX_VALUE),
                r.integer(Constants.LIMIT_ALIASES, d.maxAliases(), 0, 100_000),
                r.integer(Constants.LIMIT_DEPTH, d.maxDepth(), 4, 10_000),
                r.integer(Constants.LIMIT_NODES, d.maxNodes(), 100, Integer.MAX_VALUE));
        CallSettings calls = new CallSettings(params, r.errors);
        OpenAiEndpoint endpoint = new OpenAiEndpoint(baseUrl, key, keySource);
        RunConfig config = new RunConfig(mode, endpoint, help, Optional.empty(),
                r.get(Constants.MODEL), r.get(Constants.DEFAULT_MODEL), r.get(Constants.JUDGE_MODEL), recordings, concurrency,
                timeout, limits, judgeEndpoint(r, env, endpoint), calls.policy(), calls.provider());
        boolean strict = r.bool(Constants.STRICT, false);
        return new EngineSettings(config, strict, r.errors);
    }

    /**
     * The judge's own endpoint, when {@link Constants#JUDGE_BASE_URL} or {@link Constants#JUDGE_API_KEY} is set.
     * Its key: the judge key, else (for GitHub Models) {@code GITHUB_TOKEN}, else the prompts' key when the judge is
     * the prompts' own server, else none: the prompts' key never goes to another host (a local judge needs none; a
     * remote one fails its calls saying to set {@link Constants#JUDGE_API_KEY}).
     */
    private static Optional<JudgeEndpoint> judgeEndpoint(Reader r, Function<String, String> env, OpenAiEndpoint main) {
        Optional<String> urlText = r.get(Constants.JUDGE_BASE_URL);
        Optional<String> keyText = r.get(Constants.JUDGE_API_KEY);
        if (urlText.isEmpty() && keyText.isEmpty()) {
            return Optional.empty();
        }
        URI url = urlText.flatMap(t -> r.url(t, Constants.JUDGE_BASE_URL)).orElse(main.baseUrl());
        Secret key = keyText.map(Secret::ofNullable).orElse(null);
        String keySource = key == null ? null : "configuration parameter " + Constants.JUDGE_API_KEY;
        if (key == null && "models.github.ai".equalsIgnoreCase(url.getHost())) {
            key = Secret.ofNullable(env.apply("GITHUB_TOKEN"));
            keySource = key == null ? null : "environment variable GITHUB_TOKEN";
        }
        boolean promptsServer = main.sameServerAs(url);
        if (key == null && promptsServer) {
            key = main.apiKey();
            keySource = main.keySource();
        }
        String help = "set the configuration parameter " + Constants.JUDGE_API_KEY + " (the key of the judge's endpoint "
                + url + (promptsServer ? "" : "; the prompts' key is sent only to their own server, " + main.baseUrl().getHost())
                + "; keep keys out of committed files)";
        return Optional.of(new JudgeEndpoint(new OpenAiEndpoint(url, key, keySource), help));
    }

    private static final class Reader {
        private final ConfigurationParameters params;
        private final Function<String, String> env;
        private final List<String> errors = new ArrayList<>();

        Reader(ConfigurationParameters params, Function<String, String> env) {
            this.params = params;
            this.env = env;
        }

        Optional<String> get(String key) {
            return params.get(key).map(String::trim).filter(s -> !s.isEmpty());
        }

        Optional<String> env(String name) {
            return Optional.ofNullable(env.apply(name)).map(String::trim).filter(s -> !s.isEmpty());
        }

        /** An http(s) URL without trailing slashes, or empty after recording an error naming {@code what}. */
        Optional<URI> url(String text, String what) {
            try {
                URI u = URI.create(text.trim().replaceAll("/+$", ""));
                if (u.getScheme() == null || u.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
                return Optional.of(u);
            } catch (IllegalArgumentException e) {
                errors.add(what + " is not a URL: '" + text + "'; write it like https://api.openai.com/v1");
                return Optional.empty();
            }
        }

        boolean bool(String key, boolean defaultValue) {
            Optional<String> v = get(key);
            if (v.isEmpty()) {
                return defaultValue;
            }
            if (v.get().equalsIgnoreCase("true") || v.get().equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v.get());
            }
            errors.add(key + "=" + v.get() + " is not true or false");
            return defaultValue;
        }

        int integer(String key, int defaultValue, int min, int max) {
            Optional<String> v = get(key);
            if (v.isEmpty()) {
                return defaultValue;
            }
            try {
                int i = Integer.parseInt(v.get().replace("_", ""));
                if (i < min || i > max) {
                    errors.add(key + "=" + v.get() + " is out of range; use a value from " + min + " to " + max);
                    return defaultValue;
                }
                return i;
            } catch (NumberFormatException e) {
                errors.add(key + "=" + v.get() + " is not a whole number");
                return defaultValue;
            }
        }
    }
}
