package dev.promptspec.jupiter;

import dev.promptspec.jupiter.internal.RecordedTest;
import dev.promptspec.jupiter.internal.Session;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.report.CaseNames;
import dev.promptspec.run.CompiledPrompt;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The {@link PromptCases} of a parameterized test: its file, compiled once per run, one argument set per entry.
 *
 * <p>Runs on JUnit 5.12, which calls {@code provideArguments(ExtensionContext)}, and on 5.13 and later, which call
 * {@code provideArguments(ParameterDeclarations, ExtensionContext)} (its default wraps whatever the old one throws in a
 * message of its own, so both are implemented). 5.12 never loads {@code ParameterDeclarations}: nothing reflects on this
 * class's methods there, as it would on an {@code AnnotationConsumer}'s, so the annotation is read from the method.
 */
final class PromptCasesProvider implements ArgumentsProvider {

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        return arguments(context);
    }

    @SuppressWarnings("deprecation")
    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return arguments(context);
    }

    private static Stream<? extends Arguments> arguments(ExtensionContext context) {
        String file = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), PromptCases.class)
                .orElseThrow(() -> new ExtensionConfigurationException(context.getRequiredTestMethod() + " has no @PromptCases"))
                .value();
        Session session = RecordedTests.session(context);
        Class<?> testClass = context.getRequiredTestClass();
        CompiledPrompt prompt = session.compile(file, testClass.getClassLoader()).orElseThrow(() ->
                new ExtensionConfigurationException("@PromptCases(\"" + file + "\") on " + testClass.getSimpleName() + "."
                        + context.getRequiredTestMethod().getName() + ": no such prompt file on the test class path (a file in"
                        + " src/test/resources/prompts/x.prompt.yml is named prompts/x.prompt.yml)"));
        prompt.fileOrThrow(); // a file that cannot run fails the parameterized test with every problem and its position
        for (Problem warning : prompt.warnings()) {
            context.publishReportEntry("promptspec.warning", warning.format());
        }
        String method = RecordedTests.name(context);
        Class<?> recordedIn = RecordedTests.topLevelClass(context);
        List<Arguments> arguments = new ArrayList<>();
        for (TestCase testCase : prompt.fileOrThrow().testData()) {
            String name = CaseNames.displayName(testCase);
            RecordedTest outside = new RecordedTest(session, recordedIn, method + " > " + name);
            arguments.add(Arguments.argumentSet(name, new PromptCase(prompt, testCase, name, outside)));
        }
        return arguments.stream();
    }
}
