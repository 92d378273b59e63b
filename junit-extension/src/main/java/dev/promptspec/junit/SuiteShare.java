package dev.promptspec.junit;

import dev.promptspec.config.Shard;
import dev.promptspec.report.SuiteFingerprint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestDescriptor;

/**
 * The suite discovery found, every shard's share of it together, and the removal from the tree of what this run's shard
 * ({@code promptspec.shard}) does not run: cases outside the shard leave the test plan (the launcher then prunes the
 * containers left empty). What belongs to no case, a file that cannot load or a failing class, stays in the first shard
 * only, so a matrix of jobs reports it once.
 *
 * @param files every prompt file of the suite, as reports name them
 * @param cases every case of the suite, as {@code CaseRef.fileAndCase()}
 */
record SuiteShare(Set<String> files, Set<String> cases) {

    static final SuiteShare NONE = new SuiteShare(Set.of(), Set.of());

    SuiteShare {
        files = Set.copyOf(files);
        cases = Set.copyOf(cases);
    }

    /** Reads the suite from {@code engine}'s tree, then removes from the tree what {@code shard} does not run. */
    static SuiteShare keep(TestDescriptor engine, Optional<Shard> shard) {
        Set<String> files = new HashSet<>();
        Set<String> cases = new HashSet<>();
        List<TestDescriptor> outside = new ArrayList<>();
        visit(engine, shard, files, cases, outside);
        outside.forEach(TestDescriptor::removeFromHierarchy);
        return new SuiteShare(files, cases);
    }

    /** Both suites as one. */
    SuiteShare plus(SuiteShare other) {
        Set<String> allFiles = new HashSet<>(files);
        allFiles.addAll(other.files);
        Set<String> allCases = new HashSet<>(cases);
        allCases.addAll(other.cases);
        return new SuiteShare(allFiles, allCases);
    }

    /** The same in every shard of one suite: {@link SuiteFingerprint}. */
    String fingerprint() {
        return SuiteFingerprint.of(files, cases);
    }

    private static void visit(TestDescriptor node, Optional<Shard> shard, Set<String> files, Set<String> cases,
            List<TestDescriptor> outside) {
        for (TestDescriptor child : node.getChildren()) {
            boolean first = shard.map(Shard::isFirst).orElse(true);
            if (child instanceof PromptCaseDescriptor c) {
                cases.add(c.prompt().source().name() + '\n' + c.testCase().key());
                if (shard.isPresent() && !shard.get().contains(c.getUniqueId().toString())) {
                    outside.add(c);
                }
                continue;
            }
            if (child instanceof PromptFileDescriptor f) {
                files.add(f.prompt().source().name());
                if (!f.prompt().isRunnable() && !first) {
                    outside.add(f);
                }
            } else if (child instanceof PromptClassDescriptor c && c.failure() != null && !first) {
                outside.add(c);
                continue;
            }
            visit(child, shard, files, cases, outside);
        }
    }
}
