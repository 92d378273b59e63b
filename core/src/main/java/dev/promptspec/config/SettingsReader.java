package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.internal.util.Durations;
import dev.promptspec.model.Secret;
import dev.promptspec.sampling.Inconclusive;
import dev.promptspec.sampling.SamplingPlan;
import dev.promptspec.sampling.SamplingPolicy;
import dev.promptspec.sampling.SamplingSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Reads every {@link Keys key} (then the environment for the endpoint and its key) into a {@link RunConfig}, once per
 * run. An invalid value is an error naming the key and what to write, never guessed around; the run should not start
 * when there is one.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SettingsReader {

    /** What was read: the configuration, and the mistakes found (each names its key). */
    public record Settings(RunConfig config, List<String> errors) {
        public Settings {
            errors = List.copyOf(errors);
        }
    }

    private final ConfigSource source;
    private final Function<String, String> environment;
    private final List<String> errors = new ArrayList<>();

    private SettingsReader(ConfigSource source, Function<String, String> environment) {
        this.source = source;
        this.environment = environment;
    }

    /**
     * @param environment environment variables ({@code System::getenv}; tests pass a map's {@code get})
     */
    public static Settings read(ConfigSource source, Function<String, String> environment) {
        SettingsReader r = new SettingsReader(source, environment);
        RunConfig config = r.read();
        return new Settings(config, r.errors);
    }

    private RunConfig read() {
        RecordingMode mode = get(Keys.MODE).map(v -> RecordingMode.parse(v).orElseGet(() -> {
            errors.add(Keys.MODE + "=" + v + " is not a mode; use auto, replay, record, live, validate or mutate");
            return RecordingMode.AUTO;
        })).orElse(RecordingMode.AUTO);
        OpenAiEndpoint endpoint = endpoint();
        Path recordings = get(Keys.RECORDINGS_DIR).map(Path::of).orElse(RunConfig.DEFAULT_RECORDINGS_DIR);
        Duration timeout = get(Keys.TIMEOUT).map(v -> Durations.parse(v).filter(d -> !d.isZero()).orElseGet(() -> {
            errors.add(Keys.TIMEOUT + "=" + v + " is not a duration; write 90s, 2m or PT2M");
            return RunConfig.DEFAULT_TIMEOUT;
        })).orElse(RunConfig.DEFAULT_TIMEOUT);
        YamlLimits d = YamlLimits.DEFAULTS;
        YamlLimits limits = new YamlLimits(
                (int) whole(Keys.LIMIT_FILE_BYTES, d.maxFileBytes(), 1024, Integer.MAX_VALUE),
                (int) whole(Keys.LIMIT_ALIASES, d.maxAliases(), 0, 100_000),
                (int) whole(Keys.LIMIT_DEPTH, d.maxDepth(), 4, 10_000),
                (int) whole(Keys.LIMIT_NODES, d.maxNodes(), 100, Integer.MAX_VALUE));
        return new RunConfig(mode, endpoint, Optional.empty(), get(Keys.MODEL), get(Keys.DEFAULT_MODEL), get(Keys.JUDGE_MODEL),
                recordings, (int) whole(Keys.CONCURRENCY, RunConfig.DEFAULT_CONCURRENCY, 1, 256), timeout, limits,
                judgeEndpoint(endpoint), calls(), provider(), bool(Keys.STRICT, false), reports(), sampling(), batch(),
                Optional.ofNullable(share(Keys.MUTATION_THRESHOLD, 0, true, 1, "a mutation score from 0 to 1, e.g. 0.8"))
                        .orElse(0.0), models(), progress(), baseline(), failOn(), shard());
    }

    /** The Batch API settings; batch mode is an error with a provider that has no Batch API. */
    private BatchSettings batch() {
        BatchSettings d = BatchSettings.OFF;
        boolean enabled = bool(Keys.BATCH, false);
        BatchSettings.OnFailure onFailure = get(Keys.BATCH_ON_FAILURE).map(v -> BatchSettings.OnFailure.parse(v).orElseGet(() -> {
            errors.add(Keys.BATCH_ON_FAILURE + "=" + v + " is not a choice; use live, batch or error");
            return d.onFailure();
        })).orElse(d.onFailure());
        Duration maxWait = duration(Keys.BATCH_MAX_WAIT, d.maxWait());
        if (maxWait.isZero() || maxWait.isNegative()) {
            errors.add(Keys.BATCH_MAX_WAIT + " must be longer than zero; write 30m or 2h");
            maxWait = d.maxWait();
        }
        Double factor = share(Keys.BATCH_PRICE_FACTOR, 0, true, 1, "the share of the live price a batch costs, from 0 to 1, e.g. 0.5");
        String provider = get(Keys.PROVIDER).orElse(ProviderChoice.OPENAI);
        if (enabled && !provider.equals(ProviderChoice.OPENAI)) {
            errors.add(Keys.BATCH + "=true needs the OpenAI-compatible provider, whose Batch API it uses; "
                    + Keys.PROVIDER + "=" + provider + " has none. Remove " + Keys.BATCH + ", or set " + Keys.PROVIDER + "=openai");
        }
        return new BatchSettings(enabled, onFailure, maxWait, bool(Keys.BATCH_DELETE_FILES, d.deleteFiles()),
                factor == null ? d.priceFactor() : factor);
    }

    /** {@value Keys#MODELS}: distinct model ids, comma-separated; not together with {@value Keys#MODEL}. */
    private List<String> models() {
        Optional<String> v = get(Keys.MODELS);
        if (v.isEmpty()) {
            return List.of();
        }
        List<String> models = new ArrayList<>();
        for (String part : v.get().split(",")) {
            String model = part.trim();
            if (model.isEmpty()) {
                errors.add(Keys.MODELS + "=" + v.get() + " has an empty entry; write model ids separated by commas, e.g. gpt-4o,gpt-4o-mini");
                return List.of();
            }
            if (models.contains(model)) {
                errors.add(Keys.MODELS + "=" + v.get() + " names " + model + " twice; name each model once");
                return List.of();
            }
            models.add(model);
        }
        if (get(Keys.MODEL).isPresent()) {
            errors.add(Keys.MODEL + " and " + Keys.MODELS + " are both set; set " + Keys.MODEL + " to run every case on one model,"
                    + " or " + Keys.MODELS + " to run each case on several");
            return List.of();
        }
        return List.copyOf(models);
    }

    private ProgressMode progress() {
        return get(Keys.PROGRESS).map(v -> ProgressMode.parse(v).orElseGet(() -> {
            errors.add(Keys.PROGRESS + "=" + v + " is not a choice; use auto, true or false");
            return ProgressMode.AUTO;
        })).orElse(ProgressMode.AUTO);
    }

    /** The configuration's level of the sampling settings; files, entries and {@code @PromptSpec} classes may override them. */
    private SamplingSettings sampling() {
        Integer samples = get(Keys.SAMPLES).isPresent() ? (int) whole(Keys.SAMPLES, 1, 1, SamplingPlan.MAX_SAMPLES) : null;
        Double passRate = share(Keys.PASS_RATE, 0, false, 1, "the share of samples that must pass, above 0 and at most 1, e.g. 0.8");
        Double confidence = share(Keys.CONFIDENCE, 0.5, true, SamplingPlan.MAX_CONFIDENCE, "0.5 to 0.9999, e.g. 0.95");
        SamplingPolicy policy = get(Keys.SAMPLING_POLICY).map(v -> SamplingPolicy.parse(v).orElseGet(() -> {
            errors.add(Keys.SAMPLING_POLICY + "=" + v + " is not a policy; use sequential or observed");
            return null;
        })).orElse(null);
        Inconclusive inconclusive = get(Keys.SAMPLING_INCONCLUSIVE).map(v -> Inconclusive.parse(v).orElseGet(() -> {
            errors.add(Keys.SAMPLING_INCONCLUSIVE + "=" + v + " is neither fail nor pass");
            return null;
        })).orElse(null);
        return new SamplingSettings(samples, passRate, confidence, policy, inconclusive, "the configuration");
    }

    /** A number from {@code min} ({@code minIncluded}) to {@code max}, or null when unset or invalid (then an error). */
    private Double share(String key, double min, boolean minIncluded, double max, String what) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.get());
            if ((minIncluded ? d >= min : d > min) && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(key + "=" + v.get() + " is out of range; write " + what);
        return null;
    }

    /** The prompts' endpoint and key: for GitHub Models its token, else {@code OPENAI_API_KEY}, unless the key is set. */
    private OpenAiEndpoint endpoint() {
        String baseUrlText = get(Keys.OPENAI_BASE_URL).or(() -> env("OPENAI_BASE_URL")).orElse(OpenAiEndpoint.OPENAI.toString());
        URI baseUrl = url(baseUrlText, Keys.OPENAI_BASE_URL + " (or OPENAI_BASE_URL)").orElse(OpenAiEndpoint.OPENAI);
        Optional<String> configured = get(Keys.OPENAI_API_KEY);
        if (configured.isPresent()) {
            return new OpenAiEndpoint(baseUrl, Secret.ofNullable(configured.get()), "configuration parameter " + Keys.OPENAI_API_KEY);
        }
        if ("models.github.ai".equalsIgnoreCase(baseUrl.getHost())) {
            Secret token = Secret.ofNullable(environment.apply("GITHUB_TOKEN"));
            if (token != null) {
                return new OpenAiEndpoint(baseUrl, token, "environment variable GITHUB_TOKEN");
            }
        }
        Secret key = Secret.ofNullable(environment.apply("OPENAI_API_KEY"));
        return new OpenAiEndpoint(baseUrl, key, key == null ? null : "environment variable OPENAI_API_KEY");
    }

    /**
     * The judge's own endpoint, when {@value Keys#JUDGE_BASE_URL} or {@value Keys#JUDGE_API_KEY} is set. Its key: the
     * judge key, else (for GitHub Models) {@code GITHUB_TOKEN}, else the prompts' key when the judge is the prompts' own
     * server, else none: the prompts' key never goes to another host (a local judge needs none; a remote one fails its
     * calls saying to set {@value Keys#JUDGE_API_KEY}).
     */
    private Optional<OpenAiEndpoint> judgeEndpoint(OpenAiEndpoint prompts) {
        Optional<String> urlText = get(Keys.JUDGE_BASE_URL);
        Optional<String> keyText = get(Keys.JUDGE_API_KEY);
        if (urlText.isEmpty() && keyText.isEmpty()) {
            return Optional.empty();
        }
        URI url = urlText.flatMap(t -> url(t, Keys.JUDGE_BASE_URL)).orElse(prompts.baseUrl());
        Secret key = keyText.map(Secret::ofNullable).orElse(null);
        String keySource = key == null ? null : "configuration parameter " + Keys.JUDGE_API_KEY;
        if (key == null && "models.github.ai".equalsIgnoreCase(url.getHost())) {
            key = Secret.ofNullable(environment.apply("GITHUB_TOKEN"));
            keySource = key == null ? null : "environment variable GITHUB_TOKEN";
        }
        if (key == null && prompts.sameServerAs(url)) {
            key = prompts.apiKey();
            keySource = prompts.keySource();
        }
        return Optional.of(new OpenAiEndpoint(url, key, keySource));
    }

    private CallPolicy calls() {
        RetryPolicy d = RetryPolicy.DEFAULT;
        RetryPolicy retry = new RetryPolicy((int) whole(Keys.RETRIES, d.maxRetries(), 0, 20),
                duration(Keys.RETRY_INITIAL_DELAY, d.initialDelay()), duration(Keys.RETRY_MAX_WAIT, d.maxWait()),
                duration(Keys.RETRY_MAX_TOTAL_WAIT, d.maxTotalWait()));
        RateLimit rate = new RateLimit(whole(Keys.RATE_LIMIT_REQUESTS_PER_MINUTE, 0, 1, Long.MAX_VALUE),
                whole(Keys.RATE_LIMIT_TOKENS_PER_MINUTE, 0, 1, Long.MAX_VALUE));
        Budget budget = new Budget(whole(Keys.BUDGET_MAX_TOKENS, 0, 1, Long.MAX_VALUE), money(Keys.BUDGET_MAX_COST));
        return new CallPolicy(retry, rate, budget, PriceTable.defaults().with(prices()));
    }

    /** The provider and the settings it may read: every {@code promptspec.*} value but credentials (it may print them). */
    private ProviderChoice provider() {
        String id = get(Keys.PROVIDER).orElse(ProviderChoice.OPENAI);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : new TreeSet<>(source.keys())) {
            if (key.startsWith(Keys.PREFIX) && !isSecret(key)) {
                get(key).ifPresent(v -> settings.put(key, v));
            }
        }
        return new ProviderChoice(id, settings);
    }

    /** Keys whose values are credentials. */
    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith("api-key") || k.endsWith("-token") || k.endsWith(".token") || k.contains("secret")
                || k.contains("password");
    }

    private ReportsLocation reports() {
        ReportsLocation location = get(Keys.REPORTS_DIR)
                .map(v -> v.equalsIgnoreCase("none") ? ReportsLocation.NONE : ReportsLocation.at(Path.of(v)))
                .orElse(ReportsLocation.DEFAULT);
        return env(ReportsLocation.STEP_SUMMARY_VARIABLE).filter(v -> location.enabled())
                .map(v -> location.withStepSummary(Path.of(v))).orElse(location);
    }

    /** The baseline report, checked to be a readable file here so a typo fails before any case runs. */
    private Optional<Path> baseline() {
        return get(Keys.BASELINE).map(Path::of).filter(p -> {
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                return true;
            }
            errors.add(Keys.BASELINE + "=" + p + (Files.exists(p) ? " cannot be read" : " does not exist")
                    + " (looked for " + p.toAbsolutePath() + "); give the promptspec-report.json of an earlier run");
            return false;
        });
    }

    private FailOn failOn() {
        FailOn failOn = get(Keys.FAIL_ON).map(v -> FailOn.parse(v).orElseGet(() -> {
            errors.add(Keys.FAIL_ON + "=" + v + " is not a choice; use any-failure or regressions");
            return FailOn.ANY_FAILURE;
        })).orElse(FailOn.ANY_FAILURE);
        if (failOn == FailOn.REGRESSIONS && get(Keys.BASELINE).isEmpty()) {
            errors.add(Keys.FAIL_ON + "=regressions needs a baseline to tell regressions from old failures; set "
                    + Keys.BASELINE + " to an earlier run's promptspec-report.json, or remove " + Keys.FAIL_ON);
        }
        return failOn;
    }

    private Optional<Shard> shard() {
        return get(Keys.SHARD).flatMap(v -> {
            Optional<Shard> shard = Shard.parse(v);
            if (shard.isEmpty()) {
                errors.add(Keys.SHARD + "=" + v + " is not a shard; write k/n with 1 <= k <= n, e.g. 2/4 for the second of four jobs");
            }
            return shard;
        });
    }

    private Map<String, Price> prices() {
        Map<String, Price> prices = new LinkedHashMap<>();
        for (String key : new TreeSet<>(source.keys())) {
            if (!key.startsWith(Keys.PRICE_PREFIX) || key.length() == Keys.PRICE_PREFIX.length()) {
                continue;
            }
            String model = key.substring(Keys.PRICE_PREFIX.length());
            get(key).ifPresent(v -> Price.parse(v).ifPresentOrElse(p -> prices.put(model, p), () -> errors.add(key + "=" + v
                    + " is not a price; write <input>,<output> in US dollars per million tokens, e.g. 2.50,10.00")));
        }
        return prices;
    }

    private Optional<String> get(String key) {
        return source.get(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(environment.apply(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** An http(s) URL without trailing slashes, or empty after recording an error naming {@code what}. */
    private Optional<URI> url(String text, String what) {
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

    private boolean bool(String key, boolean defaultValue) {
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

    private long whole(String key, long defaultValue, long min, long max) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v.get().replace("_", "").replace(",", ""));
            if (n < min || n > max) {
                errors.add(key + "=" + v.get() + " is out of range; use a value from " + min
                        + (max == Long.MAX_VALUE ? " up" : " to " + max));
                return defaultValue;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(key + "=" + v.get() + " is not a whole number");
            return defaultValue;
        }
    }

    private Duration duration(String key, Duration defaultValue) {
        return get(key).map(v -> Durations.parse(v).orElseGet(() -> {
            errors.add(key + "=" + v + " is not a duration; write 500ms, 2s, 1m or PT1M");
            return defaultValue;
        })).orElse(defaultValue);
    }

    private double money(String key) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return 0;
        }
        try {
            double d = Double.parseDouble(v.get().replace("$", "").trim());
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(key + "=" + v.get() + " is not an amount; write US dollars like 2.50");
        return 0;
    }
}
