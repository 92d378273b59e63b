package dev.promptspec.junit;

import dev.promptspec.promptfile.TestCase;
import dev.promptspec.report.CaseNames;
import dev.promptspec.run.CompiledPrompt;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * A {@code testData} entry in a run of several models: a container with one test per model, so an IDE shows the models'
 * verdicts side by side under their case and reruns one of them by its unique id:
 *
 * <pre>
 * [engine:promptspec]/[file:prompts/cqrs.prompt.yml]/[case:flash sale]/[model:gpt-4o-mini]
 * </pre>
 */
final class CaseModelsDescriptor extends AbstractTestDescriptor {

    private final CompiledPrompt prompt;
    private final TestCase testCase;
    private final List<String> models;

    CaseModelsDescriptor(UniqueId uniqueId, CompiledPrompt prompt, TestCase testCase, List<String> models) {
        super(uniqueId, CaseNames.displayName(testCase), Sources.ofCase(prompt.source(), testCase));
        this.prompt = prompt;
        this.testCase = testCase;
        this.models = List.copyOf(models);
    }

    /** The test of the case on {@code model}, if it is one of the case's models. */
    Optional<PromptCaseDescriptor> createModel(String model) {
        if (!models.contains(model)) {
            return Optional.empty();
        }
        return Optional.of(new PromptCaseDescriptor(getUniqueId().append(PromptCaseDescriptor.MODEL_SEGMENT, model), prompt, testCase,
                model));
    }

    /** A selector for each model's test, in the order the models are named. */
    Set<DiscoverySelector> modelSelectors() {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        models.forEach(m -> selectors.add(DiscoverySelectors.selectUniqueId(getUniqueId().append(PromptCaseDescriptor.MODEL_SEGMENT, m))));
        return selectors;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return PromptCaseDescriptor.tags(prompt, testCase);
    }

    @Override
    public String getLegacyReportingName() {
        return PromptCaseDescriptor.legacyReportingName(prompt, getDisplayName());
    }
}
