package dev.promptspec.jupiter;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.langchain4j.model.chat.ChatModel;
import dev.promptspec.jupiter.internal.CurrentTest;
import dev.promptspec.jupiter.internal.RecordedTest;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Recorded model calls in any Jupiter test: a parameter of type langchain4j {@link ChatModel} (of a test method, a
 * lifecycle method or the constructor) is PromptSpec's configured model behind its recordings, and every model call
 * made on a test's thread, through it or through a model wrapped with {@link PromptSpecRecorder#wrap(ChatModel)}, is
 * recorded for that test.
 *
 * <pre>{@code
 * @ExtendWith(PromptSpecExtension.class)
 * class ArchitectServiceTest {
 *     @Test
 *     void answers_in_markdown(ChatModel model) {
 *         var service = AiServices.create(Architect.class, model);
 *         assertThat(service.design("...")).hasSection("Risks").withBulletsAtLeast(3);
 *     }
 * }
 * }</pre>
 *
 * <p>The configuration is the engine's ({@code promptspec.mode}, {@code promptspec.openai.base-url}, the key,
 * {@code promptspec.model}, timeouts, retries, budget...), read from JUnit's configuration parameters. Calls are recorded
 * in {@code <recordings>/jupiter/<test class>.recordings.yml}, each under its test and its number in the test
 * ({@code call 1}, {@code call 2}...); replay answers a request that some recording of the class was made for.
 * Parallel execution, {@code @ParameterizedTest}, {@code @RepeatedTest} and {@code @Nested} classes work: each
 * invocation is its own test.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PromptSpecExtension implements ParameterResolver, InvocationInterceptor {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ChatModel.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        RecordedTest test = RecordedTests.of(extensionContext);
        return new RecordedChatModel(() -> Optional.of(test), null);
    }

    /** A constructor's {@code ChatModel} belongs to the test the instance is made for (with the default lifecycle). */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public <T> T interceptTestClassConstructor(Invocation<T> invocation, ReflectiveInvocationContext<Constructor<T>> call,
            ExtensionContext context) throws Throwable {
        return proceedFor(invocation, context);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedFor(invocation, context);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedFor(invocation, context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedFor(invocation, context);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        return proceedFor(invocation, context);
    }

    /** An invocation of a parameterized or repeated test: its own test; a {@link PromptCase} argument learns which. */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        RecordedTest test = RecordedTests.of(context);
        for (Object argument : call.getArguments()) {
            if (argument instanceof PromptCase c) {
                try {
                    c.startInvocation(test);
                } catch (Exception entryCannotRun) {
                    invocation.skip();
                    throw entryCannotRun;
                }
            }
        }
        proceedFor(invocation, test);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext call, ExtensionContext context)
            throws Throwable {
        proceedFor(invocation, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedFor(invocation, context);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        proceedFor(invocation, context);
    }

    /** The invocation, with the context's test current on this thread. */
    private static <T> T proceedFor(Invocation<T> invocation, ExtensionContext context) throws Throwable {
        return proceedFor(invocation, RecordedTests.of(context));
    }

    private static <T> T proceedFor(Invocation<T> invocation, RecordedTest test) throws Throwable {
        try (CurrentTest.Scope scope = CurrentTest.bind(test)) {
            return invocation.proceed();
        }
    }
}
