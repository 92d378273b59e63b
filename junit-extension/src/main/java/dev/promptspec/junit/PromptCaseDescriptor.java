package dev.promptspec.junit;

import dev.promptspec.promptfile.TestCase;
import dev.promptspec.report.CaseNames;
import dev.promptspec.run.CompiledPrompt;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** One {@code testData} entry: a test. {@link RunExecution} runs it and reports it; this is what IDEs and reports show of it. */
final class PromptCaseDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "case";

    private final CompiledPrompt prompt;
    private final TestCase testCase;

    PromptCaseDescriptor(UniqueId uniqueId, CompiledPrompt prompt, TestCase testCase) {
        super(uniqueId, displayName(testCase), Sources.ofCase(prompt.source(), testCase));
        this.prompt = prompt;
        this.testCase = testCase;
    }

    /** The entry's name or description, else {@code #n} and a glimpse of its variables ({@link CaseNames}). */
    static String displayName(TestCase tc) {
        return CaseNames.displayName(tc);
    }

    CompiledPrompt prompt() {
        return prompt;
    }

    TestCase testCase() {
        return testCase;
    }

    /** Whether the case draws several samples: then each is a child test, and the case's own result is their verdict. */
    boolean isSampled() {
        return prompt.isRunnable() && prompt.samplingPlan(testCase).isSampled();
    }

    @Override
    public Type getType() {
        return isSampled() ? Type.CONTAINER_AND_TEST : Type.TEST;
    }

    @Override
    public boolean mayRegisterTests() {
        return isSampled();
    }

    @Override
    public Set<TestTag> getTags() {
        Set<String> names = new LinkedHashSet<>(testCase.tags());
        prompt.file().ifPresent(f -> names.addAll(f.tags()));
        return Tags.of(names);
    }

    @Override
    public String getLegacyReportingName() {
        String file = prompt.source().name();
        return file.substring(file.lastIndexOf('/') + 1) + ": " + getDisplayName();
    }

    /** The {@code @PromptSpec} class this case's file was selected through, if any. */
    Optional<PromptClassDescriptor> owner() {
        for (Optional<TestDescriptor> d = getParent(); d.isPresent(); d = d.get().getParent()) {
            if (d.get() instanceof PromptClassDescriptor c) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
