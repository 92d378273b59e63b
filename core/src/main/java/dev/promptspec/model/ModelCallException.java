package dev.promptspec.model;

import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;

/**
 * A call that produced no answer. Reported as a test error, not an assertion failure: the prompt was
 * not judged. Messages say what happened and what to do, and never contain a key.
 */
@API(status = MAINTAINED, since = "0.1")
public class ModelCallException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for reports and for deciding whether to retry. */
    public enum Kind {
        /** No API key or endpoint for a mode that needs the network. */
        MISSING_CREDENTIALS,
        /** Replay mode and no recording for this request. */
        MISSING_RECORDING,
        /** Replay mode and a recording for this case exists, for a different request. */
        PROMPT_CHANGED,
        /** The server answered with an error status. */
        HTTP_STATUS,
        /** No answer within the timeout. */
        TIMEOUT,
        /** The server could not be reached or dropped the connection. */
        CONNECTION,
        /**
         * The server answered 2xx with something that is not a chat completion (a proxy's HTML page, truncated JSON, no
         * choices), or the provider failed in a way PromptSpec does not recognise. Retried, like a 5xx.
         */
        BAD_RESPONSE,
        /**
         * The provider refused the request or the model answered without text (a tool call, a filtered answer), in a
         * way that waiting does not change: a langchain4j {@code NonRetriableException} without an HTTP status, say.
         * Not retried.
         */
        REJECTED,
        /** The run's token or cost budget is spent. */
        BUDGET_EXCEEDED,
        /** The run was cancelled before this call started. */
        CANCELLED,
        /**
         * The provider cannot run on this machine (a container provider without Docker): the case is skipped,
         * not failed, like Testcontainers' {@code disabledWithoutDocker}.
         */
        UNAVAILABLE,
        /** The run's configuration cannot make this call (no model named, unknown provider...). */
        CONFIGURATION
    }

    private final Kind kind;
    private final int attempts;
    private final int status;
    private final transient java.time.Duration retryAfter;

    /** A failure without an HTTP status or a cause (attempts: calls made, 0 when none was). */
    public ModelCallException(Kind kind, String message, int attempts) {
        this(kind, message, attempts, 0, null, null);
    }

    /** A failure with an HTTP status (or 0) and a cause, which must hold no secret (see {@link Redactor#redact(Throwable)}). */
    public ModelCallException(Kind kind, String message, int attempts, int status, Throwable cause) {
        this(kind, message, attempts, status, null, cause);
    }

    /**
     * @param retryAfter how long the server asked us to wait before retrying, or null
     */
    public ModelCallException(Kind kind, String message, int attempts, int status, java.time.Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.attempts = attempts;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The wait the server asked for (Retry-After or x-ratelimit-reset headers), if it named one. */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }

    /** What went wrong, which decides whether to retry and whether the case fails, errs or is skipped. */
    public Kind kind() {
        return kind;
    }

    /** Calls made before giving up (0 when none was made). */
    public int attempts() {
        return attempts;
    }

    /** The HTTP status, or 0. */
    public int status() {
        return status;
    }

    /**
     * No stack trace: the message says what happened and where (prompt file and case), and the cause, when
     * there is one, keeps its own trace. A trace through PromptSpec's internals would only hide the message.
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /**
     * A copy whose message starts with {@code context} (which call this was, when the message alone does not
     * say: a judge's call, say), keeping the kind, attempts, status, wait and cause.
     */
    public ModelCallException prefixed(String context) {
        return new ModelCallException(kind, context + ": " + getMessage(), attempts, status, retryAfter, getCause());
    }
}
