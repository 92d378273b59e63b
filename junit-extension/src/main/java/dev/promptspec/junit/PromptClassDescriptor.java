package dev.promptspec.junit;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * A {@code @PromptSpec} class: the container Surefire and IDEs attribute the prompt files' tests to. A class that
 * cannot run as written (no prompt file, no test case, or a warning under {@value Constants#STRICT}) fails with why,
 * so a mistake never passes as "0 tests".
 */
final class PromptClassDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "class";

    private final Class<?> testClass;
    private final List<String> problems = new ArrayList<>();

    PromptClassDescriptor(UniqueId uniqueId, Class<?> testClass) {
        super(uniqueId, testClass.getSimpleName(), ClassSource.from(testClass));
        this.testClass = testClass;
    }

    Class<?> testClass() {
        return testClass;
    }

    /** Fails the class with {@code problem}; called during discovery only. */
    void fail(String problem) {
        problems.add(problem);
    }

    /**
     * A failing class with nothing under it is a test of its own: the launcher prunes containers without tests,
     * which would turn the failure back into a silent "0 tests".
     */
    @Override
    public Type getType() {
        return !problems.isEmpty() && getChildren().isEmpty() ? Type.TEST : Type.CONTAINER;
    }

    @Override
    public String getLegacyReportingName() {
        return testClass.getName();
    }

    /** Why the class fails (its cases then do not run), or null when it can run. */
    PromptSpecClassException failure() {
        return problems.isEmpty() ? null : new PromptSpecClassException(String.join("\n", problems));
    }
}
