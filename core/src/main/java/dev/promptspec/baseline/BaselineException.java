package dev.promptspec.baseline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** The baseline report cannot be used: its message names the setting, the file and what is wrong with it. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BaselineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BaselineException(String message, Throwable cause) {
        super(message, cause);
    }
}
