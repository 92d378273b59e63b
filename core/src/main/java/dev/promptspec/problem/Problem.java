package dev.promptspec.problem;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;


/**
 * One thing wrong (or suspicious) in a prompt file, with where it is and how to fix it.
 *
 * @param severity whether the file can still run
 * @param position file, line and column of the offending key or value
 * @param message  what is wrong, naming the key or value
 * @param fix      what to do about it, or an empty string when the message says it all
 */
@API(status = INTERNAL, since = "0.1")
public record Problem(Severity severity, Position position, String message, String fix) {

    @API(status = INTERNAL, since = "0.1")
    public enum Severity {
        /** The file cannot run as written. */
        ERROR,
        /** The file runs, but probably not as its author meant. */
        WARNING
    }

    public static Problem error(Position position, String message, String fix) {
        return new Problem(Severity.ERROR, position, message, fix);
    }

    public static Problem warning(Position position, String message, String fix) {
        return new Problem(Severity.WARNING, position, message, fix);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * This problem as an error: an error as it is; a warning with the same message, its fix ending with {@code why} it
     * stops the file now ({@code "promptspec.strict=true makes warnings errors"}).
     */
    public Problem asError(String why) {
        if (isError()) {
            return this;
        }
        boolean sentenceEnded = fix.isEmpty() || fix.endsWith(".") || fix.endsWith("?") || fix.endsWith("!");
        return error(position, message, fix + (fix.isEmpty() ? "" : sentenceEnded ? " " : ". ") + why);
    }

    /** {@code file:line:col: error: message. fix}: one line, the shape compilers print. */
    public String format() {
        StringBuilder sb = new StringBuilder()
                .append(position).append(": ")
                .append(severity == Severity.ERROR ? "error: " : "warning: ")
                .append(message);
        if (!fix.isEmpty()) {
            // "did you mean 'x'?" ends a sentence too: no ". " after it
            boolean sentenceEnded = message.endsWith(".") || message.endsWith("?") || message.endsWith("!");
            sb.append(sentenceEnded ? " " : ". ").append(fix);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
