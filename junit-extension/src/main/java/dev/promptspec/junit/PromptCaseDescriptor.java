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

/**
 * One {@code testData} entry, or in a run of several models one entry on one model: a test. {@link RunExecution} runs it
 * and reports it; this is what IDEs and reports show of it.
 */
final class PromptCaseDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "case";
    /** The segment of one model's test under its case ({@link CaseModelsDescriptor}), in a run of several models. */
    static final String MODEL_SEGMENT = "model";

    private final CompiledPrompt prompt;
    private final TestCase testCase;
    private final String model;

    /** @param model the model the case runs on in a run of several models, or null */
    PromptCaseDescriptor(UniqueId uniqueId, CompiledPrompt prompt, TestCase testCase, String model) {
        super(uniqueId, displayName(testCase, model), Sources.ofCase(prompt.source(), testCase));
        this.prompt = prompt;
        this.testCase = testCase;
        this.model = model;
    }

    /**
     * The entry's name or description, else {@code #n} and a glimpse of its variables ({@link CaseNames}); then the model
     * in brackets when there is one: Surefire and IDE result lists show a test beside its case, not under it.
     */
    static String displayName(TestCase tc, String model) {
        return CaseNames.displayName(tc) + (model == null ? "" : " [" + model + "]");
    }

    /** The model the case runs on in a run of several models, or null (the file's own). */
    String model() {
        return model;
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
        return tags(prompt, testCase);
    }

    /** The entry's tags and its file's. */
    static Set<TestTag> tags(CompiledPrompt prompt, TestCase testCase) {
        Set<String> names = new LinkedHashSet<>(testCase.tags());
        prompt.file().ifPresent(f -> names.addAll(f.tags()));
        return Tags.of(names);
    }

    @Override
    public String getLegacyReportingName() {
        return legacyReportingName(prompt, getDisplayName());
    }

    /** The file's name and the display name: what Surefire lists. */
    static String legacyReportingName(CompiledPrompt prompt, String displayName) {
        String file = prompt.source().name();
        return file.substring(file.lastIndexOf('/') + 1) + ": " + displayName;
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
