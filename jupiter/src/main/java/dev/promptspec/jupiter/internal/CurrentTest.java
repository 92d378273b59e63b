package dev.promptspec.jupiter.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The test running on this thread, for model calls that cannot be told (a model a test built and wrapped, a Spring
 * bean shared by many tests). Set around each test method, lifecycle method and constructor by the extension (and by
 * Spring's test listener); a call from another thread has none.
 */
@API(status = INTERNAL, since = "0.1")
public final class CurrentTest {

    private static final ThreadLocal<RecordedTest> CURRENT = new ThreadLocal<>();

    private CurrentTest() {
    }

    public static Optional<RecordedTest> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Makes {@code test} current on this thread until the scope closes, which restores the one before it. */
    public static Scope bind(RecordedTest test) {
        RecordedTest previous = CURRENT.get();
        CURRENT.set(test);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** A binding to end. */
    @API(status = INTERNAL, since = "0.1")
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
