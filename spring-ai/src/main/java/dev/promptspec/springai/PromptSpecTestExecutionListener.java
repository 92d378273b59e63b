package dev.promptspec.springai;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.jupiter.internal.CurrentTest;
import dev.promptspec.jupiter.internal.RecordedTest;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Tells the recorded {@code ChatModel} beans which test is running, from before its {@code @BeforeEach} methods to after
 * its {@code @AfterEach} methods, on the test's thread: registered through {@code META-INF/spring.factories}, so no test
 * names it. A test whose context has no recorded beans ({@code promptspec.mode} unset) is left alone.
 *
 * <p>A test is its class ({@code @Nested} classes recorded with their enclosing class) and method: every invocation of a
 * parameterized or repeated method counts its calls on from the one before (Spring does not see JUnit's invocations;
 * with {@code PromptSpecExtension} on the class, each invocation is its own test).
 */
@API(status = INTERNAL, since = "0.1")
public final class PromptSpecTestExecutionListener implements TestExecutionListener, Ordered {

    /** One per test class and method of the JVM, so that invocations after the first go on counting. */
    private static final Map<String, RecordedTest> TESTS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Deque<CurrentTest.Scope>> SCOPES = ThreadLocal.withInitial(ArrayDeque::new);

    @Override
    public int getOrder() {
        return 5000; // after Spring's own listeners have prepared the context and the instance
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        RecordingChatModels recordings = context.getBeanProvider(RecordingChatModels.class).getIfAvailable();
        if (recordings == null) {
            return;
        }
        Class<?> testClass = testContext.getTestClass();
        String name = name(testClass, testContext.getTestMethod().getName());
        RecordedTest test = TESTS.computeIfAbsent(System.identityHashCode(recordings) + "/" + testClass.getName() + "#" + name,
                key -> new RecordedTest(recordings.session(), outermost(testClass), name));
        SCOPES.get().push(CurrentTest.bind(test));
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        Deque<CurrentTest.Scope> scopes = SCOPES.get();
        if (!scopes.isEmpty() && testContext.hasApplicationContext()
                && testContext.getApplicationContext().getBeanProvider(RecordingChatModels.class).getIfAvailable() != null) {
            scopes.pop().close();
        }
    }

    /** The {@code @Nested} classes below the outermost one, and the method: {@code Refunds > answers_politely}. */
    private static String name(Class<?> testClass, String method) {
        List<String> parts = new ArrayList<>();
        for (Class<?> c = testClass; isNested(c); c = c.getEnclosingClass()) {
            parts.add(0, c.getSimpleName());
        }
        parts.add(method);
        return String.join(" > ", parts);
    }

    private static Class<?> outermost(Class<?> testClass) {
        Class<?> c = testClass;
        while (isNested(c)) {
            c = c.getEnclosingClass();
        }
        return c;
    }

    /** A {@code @Nested} test class: an inner class, which JUnit runs within its enclosing class's. */
    private static boolean isNested(Class<?> c) {
        return c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers());
    }
}
