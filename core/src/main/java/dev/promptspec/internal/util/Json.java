package dev.promptspec.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apiguardian.api.API;

/**
 * The one plain Jackson mapper of PromptSpec (default settings: trees, request hashing, reports, schemas). Shared,
 * since every mapper costs its own set-up and caches; configure nothing on it. Readers with other settings (the
 * {@code json} evaluator's strict parser) keep mappers of their own.
 */
@API(status = INTERNAL, since = "0.1")
public final class Json {

    /** Thread-safe; never reconfigured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
