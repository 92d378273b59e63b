package dev.promptspec.jupiter.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.jupiter.ModelCallFailedException;
import dev.promptspec.model.ModelCallException;
import java.util.EnumSet;
import java.util.Set;
import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/**
 * What a call that got no answer throws into the application's code: the test is aborted (skipped) where the engine
 * skips a case (budget spent, provider unavailable on this machine, run cancelled), and fails otherwise, with the
 * engine's message (missing recording, prompt changed since it was recorded, HTTP error...).
 */
@API(status = INTERNAL, since = "0.1")
public final class CallFailures {

    private static final Set<ModelCallException.Kind> ABORTING = EnumSet.of(ModelCallException.Kind.BUDGET_EXCEEDED,
            ModelCallException.Kind.CANCELLED, ModelCallException.Kind.UNAVAILABLE);

    private CallFailures() {
    }

    public static RuntimeException unchecked(ModelCallException e) {
        if (ABORTING.contains(e.kind())) {
            return new TestAbortedException(e.getMessage(), e);
        }
        return new ModelCallFailedException(e);
    }
}
