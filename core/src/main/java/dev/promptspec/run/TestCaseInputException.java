package dev.promptspec.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * The test case cannot be sent: a variable is missing, a required one has no value... It fails that test
 * as an error, with the entry's position, and leaves the other cases alone.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TestCaseInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public TestCaseInputException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the message carries file and line; a stack trace would only bury it
    }
}
