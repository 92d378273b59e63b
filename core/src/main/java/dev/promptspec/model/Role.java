package dev.promptspec.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/** Who speaks a message; the three roles GitHub Models' format accepts. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Role {
    SYSTEM, USER, ASSISTANT;

    /** The role written as {@code text}, ignoring case and blanks; empty for anything else. */
    public static Optional<Role> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "system" -> Optional.of(SYSTEM);
            case "user" -> Optional.of(USER);
            case "assistant" -> Optional.of(ASSISTANT);
            default -> Optional.empty();
        };
    }

    /** The lower-case name used in files and on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
