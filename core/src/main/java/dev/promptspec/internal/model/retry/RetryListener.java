package dev.promptspec.internal.model.retry;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import org.apiguardian.api.API;

/** Told what the retries of a run do, for the run's summary. Called concurrently, from the calling threads. */
@API(status = INTERNAL, since = "0.1")
public interface RetryListener {

    /** Hears nothing. */
    RetryListener NONE = new RetryListener() {
    };

    /** An attempt was refused because the run is too fast (HTTP 429, not an exhausted quota). */
    default void rateLimited() {
    }

    /** A call waited {@code wait} before retrying. */
    default void waited(Duration wait) {
    }
}
