package dev.promptspec.config;

import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;

/**
 * Every configuration key of PromptSpec, in one place: its name, its default and what it does. The JUnit engine reads
 * them as configuration parameters (in {@code src/test/resources/junit-platform.properties}, as system properties such
 * as {@code mvn test -Dpromptspec.mode=replay}, or in Surefire's {@code configurationParameters}); any other driver
 * passes them as a {@link ConfigSource}. {@link SettingsReader} parses them; messages name keys through these constants.
 */
@API(status = MAINTAINED, since = "0.1")
public final class Keys {

    private Keys() {
    }

    /** Every key starts with it. */
    public static final String PREFIX = "promptspec.";

    /**
     * How recorded responses are used: {@code auto} (default: replay when a recording matches, else call the
     * model and record), {@code replay} (never call; a missing recording is an error), {@code record}
     * (always call and rewrite), {@code live} (call, never write), {@code validate} (lint: load, validate and render
     * every case, call no model, read no recording; {@code ./mvnw -q test -Dpromptspec.mode=validate} as a pre-commit hook),
     * {@code mutate} (replay, then run each passing case's evaluators on mutants of its recorded response: see
     * {@link #MUTATION_THRESHOLD}).
     */
    public static final String MODE = "promptspec.mode";

    /**
     * Every warning is an error: unknown keys that are no near miss, unused variables, invalid tags, unusable
     * {@code @PromptEvaluator} methods, evaluator plug-ins that failed to load. Recommended in CI
     * ({@code promptspec.strict=true} in {@code junit-platform.properties}). Default: false.
     */
    public static final String STRICT = "promptspec.strict";

    /**
     * In {@code mutate} mode, the mutation score (killed mutants / applicable mutants, 0 to 1) each case must reach to
     * pass. Default: 0 (report the scores, fail nothing).
     */
    public static final String MUTATION_THRESHOLD = "promptspec.mutation.threshold";

    /** Base URL of the OpenAI-compatible API. Default: {@code OPENAI_BASE_URL}, else {@code https://api.openai.com/v1}. */
    public static final String OPENAI_BASE_URL = "promptspec.openai.base-url";

    /**
     * API key. Default: {@code OPENAI_API_KEY}; for GitHub Models ({@code https://models.github.ai/inference}),
     * {@code GITHUB_TOKEN}. Never logged, recorded or reported.
     */
    public static final String OPENAI_API_KEY = "promptspec.openai.api-key";

    /** Replaces the model of every prompt file (try a whole suite on another model). */
    public static final String MODEL = "promptspec.model";

    /**
     * Runs every case once per model, each run its own test: a comma-separated list such as {@code gpt-4o,gpt-4o-mini}.
     * A prompt file's {@code models:} list wins over it; {@value #MODEL} runs every file on its one model instead, so the
     * two cannot both be set. Judges keep their own model. Default: none (each file runs on its {@code model:}).
     */
    public static final String MODELS = "promptspec.models";

    /** The model of prompt files that name none. */
    public static final String DEFAULT_MODEL = "promptspec.default-model";

    /** The model that model-graded evaluators use when they name none. Default: the prompt's model. */
    public static final String JUDGE_MODEL = "promptspec.judge.model";

    /** Where recordings are read and written. Default: {@code src/test/promptspec/recordings} (relative to the working directory). */
    public static final String RECORDINGS_DIR = "promptspec.recordings.dir";

    /** Model calls in flight at once. Default: 8. */
    public static final String CONCURRENCY = "promptspec.concurrency";

    /** Timeout of one call attempt: {@code 90s}, {@code 2m}, {@code PT2M} or seconds. Default: 120s. */
    public static final String TIMEOUT = "promptspec.timeout";

    /** Largest prompt file read, in bytes. Default: 4 MiB. */
    public static final String LIMIT_FILE_BYTES = "promptspec.limits.max-file-bytes";

    /** Most YAML aliases to collections in one file (guards against "billion laughs"). Default: 50. */
    public static final String LIMIT_ALIASES = "promptspec.limits.max-aliases";

    /** Deepest nesting in a prompt file. Default: 64. */
    public static final String LIMIT_DEPTH = "promptspec.limits.max-depth";

    /** Most YAML nodes in a prompt file after alias expansion. Default: 200000. */
    public static final String LIMIT_NODES = "promptspec.limits.max-nodes";

    // ---- Model-graded evaluators: the judge's endpoint (defaults: the prompts' endpoint and key) ----

    /**
     * Base URL of the OpenAI-compatible API that judges ({@code uses: github/*}, {@code llm:}) call, when it is
     * not the prompts' ({@link #OPENAI_BASE_URL}). Judge calls are recorded and replayed like the prompts' own.
     */
    public static final String JUDGE_BASE_URL = "promptspec.judge.base-url";

    /**
     * API key for the judge's endpoint. Default: {@code GITHUB_TOKEN} when the judge is on GitHub Models, else the
     * prompts' key when the judge is on the prompts' own server (same scheme, host and port), else none (a judge on
     * localhost needs none; any other host must be given its key here). Never logged, recorded or reported.
     */
    public static final String JUDGE_API_KEY = "promptspec.judge.api-key";

    // ---- The model layer: providers, retries, rate limits, timeouts, budget and cost (issue 4) ----

    /**
     * Which provider answers: {@code openai} (default: the OpenAI-compatible endpoint of
     * {@value #OPENAI_BASE_URL}, which also covers Azure OpenAI v1, GitHub Models, vLLM, LM Studio and Ollama's
     * {@code /v1}), or {@code ollama-container} (module {@code promptspec-ollama}: Ollama in a Testcontainers
     * container), or the id of any other {@code ModelProviderFactory} on the class path.
     */
    public static final String PROVIDER = "promptspec.provider";


    /**
     * Retries of a failed call (HTTP 408/409/5xx, timeouts, dropped connections, a 2xx body that is not a chat
     * completion) after the first attempt, with exponential backoff and full jitter, or the wait the server asked for
     * ({@code Retry-After}, {@code retry-after-ms}, {@code x-ratelimit-reset-*}). Rate limits (HTTP 429) are not
     * counted: they are retried within {@value #RETRY_MAX_TOTAL_WAIT}. Other failures are never retried. {@code 0}
     * turns every retry off, rate limits included. A server that looks down (the run's last attempts all failed) is not
     * retried. Default: 10.
     */
    public static final String RETRIES = "promptspec.retries";

    /** Backoff ceiling before the first retry; it doubles with each retry. Default: {@code 1s}. */
    public static final String RETRY_INITIAL_DELAY = "promptspec.retry.initial-delay";

    /**
     * Longest wait before one retry. A server asking for longer is not retried: the error says how long it
     * asked for. Default: {@code 60s}.
     */
    public static final String RETRY_MAX_WAIT = "promptspec.retry.max-wait";

    /**
     * The most one call waits before its retries, all together: rate-limited calls (HTTP 429) are retried until their
     * waits reach it, and no retry waits beyond it. Default: {@code 5m}.
     */
    public static final String RETRY_MAX_TOTAL_WAIT = "promptspec.retry.max-total-wait";

    /** Requests started per minute over the whole run, every prompt file together. Default: no limit. */
    public static final String RATE_LIMIT_REQUESTS_PER_MINUTE = "promptspec.rate-limit.requests-per-minute";

    /**
     * Tokens per minute over the whole run: each call's tokens are estimated before it starts (prompt
     * characters / 4 plus {@code max_tokens}) and corrected with the usage the server reports. Default: no limit.
     */
    public static final String RATE_LIMIT_TOKENS_PER_MINUTE = "promptspec.rate-limit.tokens-per-minute";

    /**
     * Stop calling models once live calls used this many tokens (input plus output); the remaining cases that
     * need a live call are aborted (skipped) with a message saying so. Replayed answers cost nothing and do
     * not count. Default: no limit.
     */
    public static final String BUDGET_MAX_TOKENS = "promptspec.budget.max-tokens";

    /**
     * Like {@value #BUDGET_MAX_TOKENS}, for the estimated cost of live calls in US dollars (e.g. {@code 2.50}).
     * Every model called must then have a price. Default: no limit.
     */
    public static final String BUDGET_MAX_COST = "promptspec.budget.max-cost";

    /**
     * Prefix of price entries: {@code promptspec.price.<model>=<input>,<output>} in US dollars per million
     * tokens, e.g. {@code promptspec.price.gpt-4o=2.50,10.00}; adds to or replaces the built-in OpenAI prices.
     */
    public static final String PRICE_PREFIX = "promptspec.price.";


    // ---- Sampling: verdicts from several samples of a non-deterministic model (issue 11) ----

    /**
     * The most samples (calls plus every evaluator) a case draws. Default: 1, a single call judged by its checks. A prompt
     * file's {@code samples:}, an entry's, or {@code @PromptSpec(samples = ...)} wins over it. At most 1000.
     */
    public static final String SAMPLES = "promptspec.samples";

    /** The share of a case's samples that must pass (above 0, at most 1). Required when samples is above 1. */
    public static final String PASS_RATE = "promptspec.pass-rate";

    /** How sure a sampled verdict must be (0.5 to 0.9999). Default: 0.95. */
    public static final String CONFIDENCE = "promptspec.confidence";

    /**
     * {@code sequential} (default: stop as soon as the pass rate is surely at or above passRate, or surely below it) or
     * {@code observed} (draw every sample; pass when the observed rate reaches passRate).
     */
    public static final String SAMPLING_POLICY = "promptspec.sampling.policy";

    /** What a sequential verdict that is sure neither way does to the build: {@code fail} (default) or {@code pass}. */
    public static final String SAMPLING_INCONCLUSIVE = "promptspec.sampling.inconclusive";

    // ---- Batch mode: calls with no recording sent through the provider's Batch API (issue 14) ----

    /**
     * Calls that have no matching recording are collected before any case runs, sent as batch jobs through the
     * OpenAI-compatible provider's Batch API (half the price, outside per-minute rate limits, answered within 24 hours,
     * usually minutes), awaited, and written to the recordings; then the cases run on those answers. Judge calls that
     * depend on the answers go in a second batch. Applies in {@code record}, {@code auto} and {@code live} modes; only
     * with {@code promptspec.provider=openai}. Default: false.
     */
    public static final String BATCH = "promptspec.batch";

    /**
     * What happens to a call a batch reports as failed or expired: {@code live} (default: the case calls it live),
     * {@code batch} (sent once more in a follow-up batch; a second failure is the case's error) or {@code error} (the
     * case ends in an error naming the batch and the reason).
     */
    public static final String BATCH_ON_FAILURE = "promptspec.batch.on-failure";

    /**
     * Longest wait for a run's batch jobs ({@code 30m}, {@code 2h}). When it passes, the run fails naming the jobs; the
     * next run with the same suite resumes waiting on them instead of submitting again. Default: {@code 24h}.
     */
    public static final String BATCH_MAX_WAIT = "promptspec.batch.max-wait";

    /** Delete the uploaded request file from the provider once its job has ended. Default: true. */
    public static final String BATCH_DELETE_FILES = "promptspec.batch.delete-files";

    /** Batch prices as a share of the live prices ({@value #PRICE_PREFIX}{@code <model>} and the defaults). Default: 0.5. */
    public static final String BATCH_PRICE_FACTOR = "promptspec.batch.price-factor";

    // ---- Reports ----

    /**
     * Directory of the run's reports: {@code promptspec-report.json} (every case with its variables, response, usage and
     * every check's verdict; gh-models' {@code --json} shape where they overlap) and {@code promptspec-summary.md} (a
     * table per file and the failures, for a CI job summary). {@code none} writes no reports. Default:
     * {@code promptspec-reports} in the platform's output directory ({@code target/promptspec-reports} with Maven).
     */
    public static final String REPORTS_DIR = "promptspec.reports.dir";

    /**
     * A progress line on the error stream, rewritten in place a few times a second: cases done of all, failures, cost so
     * far and the time left (and, in batch mode, the jobs while the run waits for them). {@code auto} (default: on a terminal, unless the environment variable {@code CI} is set),
     * {@code true} or {@code false}.
     */
    public static final String PROGRESS = "promptspec.progress";
    // ---- Regressions, shards and CI (issue 12) ----

    /**
     * An earlier run's {@code promptspec-report.json} to compare this run with: newly failing, newly passing and still
     * failing cases, added and removed ones, score and response changes; sampled cases whose pass rate dropped are
     * regressions only when the drop is significant (Fisher's exact test), else noise. Default: none.
     */
    public static final String BASELINE = "promptspec.baseline";

    /**
     * What fails the build: {@code any-failure} (default: every case that does not pass) or {@code regressions} (only
     * cases that passed in the {@value #BASELINE}; other failing cases are reported aborted). {@code regressions} needs a
     * baseline.
     */
    public static final String FAIL_ON = "promptspec.fail-on";

    /**
     * {@code k/n}: run only the k-th of n deterministic shares of the cases (by a hash of each case's unique id), for a
     * CI matrix of n jobs; {@code dev.promptspec.report.Merge} merges their reports. Default: every case.
     */
    public static final String SHARD = "promptspec.shard";

    // ---- The ollama-container provider (module promptspec-ollama) ----

    /** Docker image of the {@code ollama-container} provider. Default: {@code ollama/ollama:0.12.5}. */
    public static final String OLLAMA_IMAGE = "promptspec.ollama.image";

    /**
     * The model the {@code ollama-container} provider pulls (once per run) and answers every prompt with.
     * Default: {@value #MODEL} if set, else {@code qwen2.5:0.5b}.
     */
    public static final String OLLAMA_MODEL = "promptspec.ollama.model";
}
