package dev.promptspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An API key or token. Its {@code toString} never shows the value, so a key cannot leak through a
 * log line, an exception message or a report that prints a configuration object.
 */
@API(status = INTERNAL, since = "0.1")
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret, or null for a null or blank value (blank keys are treated as absent). */
    public static Secret ofNullable(String value) {
        return value == null || value.isBlank() ? null : new Secret(value.trim());
    }

    /** The value, for the one place that sends it: the Authorization header. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
