package dev.promptspec.junit;

/** A {@code @PromptSpec} class that cannot run as written; the message says why and what to change. */
final class PromptSpecClassException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PromptSpecClassException(String message) {
        super(message, null, false, false);
    }
}
