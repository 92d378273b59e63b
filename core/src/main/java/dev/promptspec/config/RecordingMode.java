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
    VALIDATE;

    public static Optional<RecordingMode> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean writes() {
        return this == RECORD || this == AUTO;
    }
}
