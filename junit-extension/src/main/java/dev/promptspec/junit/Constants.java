package dev.promptspec.junit;

/**
 * Every configuration key of PromptSpec. Set them as JUnit configuration parameters: in
 * {@code src/test/resources/junit-platform.properties}, as system properties ({@code mvn test -Dpromptspec.mode=replay}),
 * or in Surefire's {@code configurationParameters}.
 */
public final class Constants {

    private Constants() {
    }

    /** The engine's id, for {@code --include-engine} and unique ids. */
    public static final String ENGINE_ID = "promptspec";

    /**
     * How recorded responses are used: {@code auto} (default: replay when a recording matches, else call the
     * model and record), {@code replay} (never call; a missing recording is an error), {@code record}
     * (always call and rewrite), {@code live} (call, never write), {@code validate} (lint: load, validate and render
     * every case, call no model, read no recording; {@code ./mvnw -q test -Dpromptspec.mode=validate} as a pre-commit hook).
     */
    public static final String MODE = "promptspec.mode";

    /** Base URL of the OpenAI-compatible API. Default: {@code OPENAI_BASE_URL}, else {@code https://api.openai.com/v1}. */
    public static final String OPENAI_BASE_URL = "promptspec.openai.base-url";

    /**
     * API key. Default: {@code OPENAI_API_KEY}; for GitHub Models ({@code https://models.github.ai/inference}),
     * {@code GITHUB_TOKEN}. Never logged, recorded or reported.
     */
    public static final String OPENAI_API_KEY = "promptspec.openai.api-key";

    /** Replaces the model of every prompt file (try a whole suite on another model). */
    public static final String MODEL = "promptspec.model";

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
     * prompts' key. Never logged, recorded or reported.
     */
    public static final String JUDGE_API_KEY = "promptspec.judge.api-key";
}
