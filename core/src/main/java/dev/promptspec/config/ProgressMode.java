package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/** Whether a run shows its progress line on the console ({@value Keys#PROGRESS}). */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ProgressMode {
    /** The default: shown on a terminal, not under CI (the environment variable {@code CI} set) nor when output is redirected. */
    AUTO,
    /** Always shown (on the error stream), even under CI. */
    ON,
    /** Never shown. */
    OFF;

    /** {@code auto}, {@code true} or {@code false}, in any case; empty for anything else. */
    public static Optional<ProgressMode> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> Optional.of(AUTO);
            case "true" -> Optional.of(ON);
            case "false" -> Optional.of(OFF);
            default -> Optional.empty();
        };
    }

    /**
     * Whether the line is shown.
     *
     * @param terminal whether the process writes to a terminal ({@code System.console() != null})
     * @param ci       whether it runs under CI (the environment variable {@code CI} is set)
     */
    public boolean shown(boolean terminal, boolean ci) {
        return this == ON || this == AUTO && terminal && !ci;
    }
}
