package dev.promptspec.jupiter.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * One test as its model calls are recorded: the recordings file of its class ({@code jupiter/<class>}), its name in that
 * file, and the calls it made so far ({@code call 1}, {@code call 2}, ...). Thread-safe: a test may call from several
 * threads.
 */
@API(status = INTERNAL, since = "0.1")
public final class RecordedTest {

    /** The folder, under the recordings folder, of the recordings of Jupiter and Spring tests. */
    public static final String FOLDER = "jupiter";
    /** The name of the calls made outside any test method of a class (a constructor, {@code @BeforeAll}). */
    public static final String CLASS_LEVEL = "(class)";

    private final Session session;
    private final String recordings;
    private final String name;
    /** Answers kept for {@link #answerWithText}: the last few, since a test checks what it just got. */
    private static final int ANSWERS_KEPT = 8;

    private final AtomicInteger calls = new AtomicInteger();
    private final Deque<ModelResponse> answers = new ArrayDeque<>();

    /**
     * @param session   the configuration and recordings its calls go through
     * @param testClass the class whose file holds the recordings: the outermost class of the test (a {@code @Nested}
     *                  class's tests are recorded with its enclosing class's)
     * @param name      the test within it, for example {@code designs > [1] wrong VAT}
     */
    public RecordedTest(Session session, Class<?> testClass, String name) {
        this.session = session;
        this.recordings = FOLDER + "/" + testClass.getName();
        this.name = name;
    }

    public Session session() {
        return session;
    }

    /** How the recordings file is named to the recording store: {@code jupiter/<binary class name>}. */
    public String recordings() {
        return recordings;
    }

    public String name() {
        return name;
    }

    /** The next call of the test. */
    public CallContext nextCall() {
        return new CallContext(recordings, name, "call " + calls.incrementAndGet());
    }

    /** Where the test's judges are recorded; each judge's call adds its own purpose ({@code judge:<evaluator>}). */
    public CallContext judges() {
        return new CallContext(recordings, name, "judge");
    }

    /** Remembers an answer the test's code got, so a check of it can say where it came from. */
    public void answered(ModelResponse response) {
        synchronized (answers) {
            answers.addLast(response);
            if (answers.size() > ANSWERS_KEPT) {
                answers.removeFirst();
            }
        }
    }

    /** The latest of its last answers whose text is {@code text} (ignoring surrounding blanks), if any. */
    public Optional<ModelResponse> answerWithText(String text) {
        String wanted = text.strip();
        synchronized (answers) {
            for (Iterator<ModelResponse> it = answers.descendingIterator(); it.hasNext(); ) {
                ModelResponse r = it.next();
                if (r.text().strip().equals(wanted)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return recordings + " [" + name + "]";
    }
}
