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
 * The whole suite discovery found, and the share of it this run keeps ({@code promptspec.shard}): cases outside the
 * shard leave the test plan (the launcher then prunes the containers left empty). What belongs to no case, a file that
 * cannot load or a failing class, stays in the first shard only, so a matrix of jobs reports it once.
 *
 * @param fingerprint every shard's same {@link SuiteFingerprint} of the whole suite
 * @param cases       every case of the whole suite, as {@code CaseRef.fileAndCase()}
 */
record SuiteShare(String fingerprint, Set<String> cases) {

    SuiteShare {
        cases = Set.copyOf(cases);
    }

    /** Reads the whole suite from {@code engine}'s tree, then removes from it what {@code shard} does not run. */
    static SuiteShare keep(TestDescriptor engine, Optional<Shard> shard) {
        Set<String> files = new HashSet<>();
        Set<String> cases = new HashSet<>();
        List<TestDescriptor> outside = new ArrayList<>();
        visit(engine, shard, files, cases, outside);
        outside.forEach(TestDescriptor::removeFromHierarchy);
        return new SuiteShare(SuiteFingerprint.of(files, cases), cases);
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
