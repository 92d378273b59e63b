package dev.promptspec.config;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/** How recorded responses are used ({@code promptspec.mode}). */
@API(status = MAINTAINED, since = "0.1")
public enum RecordingMode {
    /** Recorded responses only; a missing one is an error that says how to record it. Never calls a model. */
    REPLAY,
    /** Always call the model and (re)write the recording. */
    RECORD,
    /** Call the model, never write. */
    LIVE,
    /** The default: replay when a recording matches, else call and record. */
    AUTO,
    /**
     * Lint: load and validate every file and render every case's request, but call no model and read no
     * recording; a case passes when its request renders. Fast enough for a pre-commit hook.
     */
    VALIDATE,
    /**
     * Mutation testing: answers from the recordings only, like {@link #REPLAY} (never calls a model), then runs each
     * passing case's evaluators on mutants of its recorded response (see {@code dev.promptspec.mutation}).
     */
    MUTATE;

    public static Optional<RecordingMode> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Answers only from the recordings: a call without a matching recording is an error, never a model call. */
    public boolean replaysOnly() {
        return this == REPLAY || this == MUTATE;
    }

    public boolean writes() {
        return this == RECORD || this == AUTO;
    }
}
