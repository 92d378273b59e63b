package dev.promptspec.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** A {@code @PromptSpec} class: the container Surefire and IDEs attribute the prompt files' tests to. */
final class PromptClassDescriptor extends AbstractTestDescriptor implements Node<PromptSpecExecutionContext> {

    static final String SEGMENT = "class";

    private final Class<?> testClass;

    PromptClassDescriptor(UniqueId uniqueId, Class<?> testClass) {
        super(uniqueId, testClass.getSimpleName(), ClassSource.from(testClass));
        this.testClass = testClass;
    }

    Class<?> testClass() {
        return testClass;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public String getLegacyReportingName() {
        return testClass.getName();
    }
}
