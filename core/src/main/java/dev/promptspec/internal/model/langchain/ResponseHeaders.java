package dev.promptspec.internal.model.langchain;

import java.util.Optional;

/** An HTTP error that still knows its response headers (for Retry-After and rate-limit resets). */
public interface ResponseHeaders {

    Optional<String> header(String name);
}
