package dev.promptspec.junit;

import dev.promptspec.promptfile.PromptFile;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.run.CompiledPrompt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * One prompt file. A file that cannot run is a failing test of its own, listing every problem with its
 * line, so the build fails while the other files still run.
 */
final class PromptFileDescriptor extends AbstractTestDescriptor {

    /** Segment of a classpath prompt file. */
    static final String SEGMENT = "file";
    /** Segment of a prompt file selected on disk. */
    static final String PATH_SEGMENT = "path";

    private final CompiledPrompt prompt;
    /** The models each case runs on, each its own test; empty: each case is one test, on the file's model. */
    private final List<String> models;
    private Map<String, TestCase> casesByKey;

    PromptFileDescriptor(UniqueId uniqueId, CompiledPrompt prompt, List<String> models) {
        super(uniqueId, displayName(prompt), source(prompt));
        this.prompt = prompt;
        this.models = List.copyOf(models);
    }

    /** The file; for a file that cannot run, its first error, where an IDE should take the author. */
    private static org.junit.platform.engine.TestSource source(CompiledPrompt prompt) {
        return prompt.isRunnable() ? Sources.of(prompt.source(), null)
                : prompt.errors().stream().findFirst().map(p -> Sources.ofProblem(prompt.source(), p.position()))
                        .orElse(Sources.of(prompt.source(), null));
    }

    private static String displayName(CompiledPrompt prompt) {
        String fileName = prompt.source().name().substring(prompt.source().name().lastIndexOf('/') + 1);
        if (!prompt.isRunnable()) {
            int errors = prompt.errors().size();
            return fileName + " (invalid: " + errors + (errors == 1 ? " error)" : " errors)");
        }
        return prompt.file().map(PromptFile::displayName).orElse(fileName);
    }

    CompiledPrompt prompt() {
        return prompt;
    }

    /**
     * The descriptor of the test case with this key (the first, if several share it), if the file has one: the test, or in
     * a run of several models the container of one test per model.
     */
    Optional<TestDescriptor> createCase(String key) {
        if (!prompt.isRunnable()) {
            return Optional.empty();
        }
        return Optional.ofNullable(casesByKey().get(key)).map(tc -> {
            UniqueId id = getUniqueId().append(PromptCaseDescriptor.SEGMENT, tc.key());
            return models.isEmpty() ? new PromptCaseDescriptor(id, prompt, tc, null) : new CaseModelsDescriptor(id, prompt, tc, models);
        });
    }

    /** Each key's first test case, indexed once: every case of the file is created by key, so a scan each would be N². */
    private synchronized Map<String, TestCase> casesByKey() {
        if (casesByKey == null) {
            List<TestCase> cases = prompt.fileOrThrow().testData();
            casesByKey = new HashMap<>(cases.size() * 2);
            for (TestCase tc : cases) {
                casesByKey.putIfAbsent(tc.key(), tc);
            }
        }
        return casesByKey;
    }

    @Override
    public Type getType() {
        return prompt.isRunnable() ? Type.CONTAINER : Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return prompt.file().map(f -> Tags.of(f.tags())).orElse(Set.of());
    }

    @Override
    public String getLegacyReportingName() {
        return prompt.source().name();
    }

}
