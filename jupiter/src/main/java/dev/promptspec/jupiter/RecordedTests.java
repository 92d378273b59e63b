package dev.promptspec.jupiter;

import dev.promptspec.jupiter.internal.RecordedTest;
import dev.promptspec.jupiter.internal.Session;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test of a Jupiter extension context as its calls are recorded: one per context, so that every model the test
 * (its constructor, its {@code @BeforeEach} methods, its body) is given counts its calls together.
 */
final class RecordedTests {

    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create("dev.promptspec.jupiter");

    private RecordedTests() {
    }

    /**
     * The session of the run's configuration, looked up once per run (the root context's store).
     *
     * @throws ExtensionConfigurationException listing every invalid setting, each with its key
     */
    @SuppressWarnings("deprecation") // getOrComputeIfAbsent: computeIfAbsent is JUnit 6's name for it, absent in 5.12
    static Session session(ExtensionContext context) {
        try {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Session.class,
                    key -> Session.of(new JupiterConfigSource(context)), Session.class);
        } catch (IllegalStateException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    @SuppressWarnings("deprecation") // getOrComputeIfAbsent: computeIfAbsent is JUnit 6's name for it, absent in 5.12
    static RecordedTest of(ExtensionContext context) {
        // Keyed by the context's id: a store also answers with what its parents hold.
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(RecordedTest.class.getName() + "@" + context.getUniqueId(),
                key -> new RecordedTest(session(context), topLevelClass(context), name(context)), RecordedTest.class);
    }

    /**
     * The test's name in its class's recordings: the {@code @Nested} classes, the method, and for an invocation of a
     * parameterized or repeated test (or a dynamic test) its display name ({@code designs > [1] wrong VAT});
     * {@value RecordedTest#CLASS_LEVEL}
     * for what a class does outside its tests.
     */
    static String name(ExtensionContext context) {
        Deque<String> parts = new ArrayDeque<>();
        if (context.getTestClass().isPresent() && context.getTestMethod().isEmpty()) {
            parts.add(RecordedTest.CLASS_LEVEL);
        }
        for (ExtensionContext c = context; !isTopLevelClass(c) && c.getParent().isPresent(); c = c.getParent().get()) {
            Optional<ExtensionContext> parent = c.getParent();
            if (c.getTestMethod().isPresent()) {
                boolean invocation = parent.flatMap(ExtensionContext::getTestMethod).isPresent();
                parts.addFirst(invocation ? c.getDisplayName() : c.getRequiredTestMethod().getName());
            } else if (c.getTestClass().isPresent()) {
                parts.addFirst(c.getRequiredTestClass().getSimpleName());
            } else {
                parts.addFirst(c.getDisplayName()); // a dynamic test or container of a @TestFactory
            }
        }
        return String.join(" > ", parts);
    }

    /** The class whose file holds the test's recordings: the outermost test class of its context. */
    static Class<?> topLevelClass(ExtensionContext context) {
        ExtensionContext c = context;
        while (!isTopLevelClass(c)) {
            c = c.getParent().orElseThrow(() -> new IllegalStateException(context.getUniqueId() + " is in no test class"));
        }
        return c.getRequiredTestClass();
    }

    private static boolean isTopLevelClass(ExtensionContext c) {
        return c.getTestClass().isPresent() && c.getParent().flatMap(ExtensionContext::getTestClass).isEmpty();
    }
}
