package dev.promptspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A stand-in for an exception whose message may hold a secret (a parser quoting the body a server echoed the key
 * into, say), safe to keep as the cause of a {@link ModelCallException}: it prints as the original would, with the
 * original's class name and stack trace, but every message in it, its causes' and suppressed exceptions'
 * included, passes through the {@link Redactor}. Build one with {@link Redactor#redact(Throwable)}.
 */
@API(status = INTERNAL, since = "0.1")
public final class RedactedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String originalClassName;

    private RedactedException(Throwable original, Redactor redactor, RedactedException cause) {
        super(redactor.redact(original.getMessage()), cause, true, true);
        this.originalClassName = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    static RedactedException of(Throwable original, Redactor redactor) {
        return copy(original, redactor, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static RedactedException copy(Throwable original, Redactor redactor, Set<Throwable> seen) {
        if (original instanceof RedactedException done) {
            return done;
        }
        seen.add(original);
        Throwable cause = original.getCause();
        RedactedException copy = new RedactedException(original, redactor,
                cause == null || seen.contains(cause) ? null : copy(cause, redactor, seen));
        for (Throwable s : original.getSuppressed()) {
            if (!seen.contains(s)) {
                copy.addSuppressed(copy(s, redactor, seen));
            }
        }
        return copy;
    }

    /** The class of the exception this stands for ({@code com.fasterxml.jackson...InvalidFormatException}). */
    public String originalClassName() {
        return originalClassName;
    }

    /** The stack trace is the original's, set in the constructor; nothing to capture here. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** As the original prints: its class name and (redacted) message, so traces read "Caused by: java.io.IOException: ...". */
    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClassName : originalClassName + ": " + message;
    }
}
