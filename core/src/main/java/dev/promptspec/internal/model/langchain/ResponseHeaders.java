package dev.promptspec.internal.model.langchain;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import org.apiguardian.api.API;

/** An HTTP error that still knows its response headers (for Retry-After and rate-limit resets). */
@API(status = INTERNAL, since = "0.1")
public interface ResponseHeaders {

    Optional<String> header(String name);
}
