package dev.promptspec.junit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Reports a tree whose tests run concurrently, in the order they really start and end, so each test's duration is its
 * own (not the time it waited for a worker) and IDEs and Surefire see what parallel JUnit runs show them. A container is
 * started just before its first child starts and finished right after its last child finished; every event goes through
 * one lock, so listeners see a consistent order whichever thread reports.
 */
final class TreeEvents {

    private final EngineExecutionListener listener;
    private final TestDescriptor root;
    /** Children of each container still to be reported. */
    private final Map<TestDescriptor, Integer> pending = new HashMap<>();
    private final Set<TestDescriptor> started = new HashSet<>();

    /**
     * @param reported every node that will be reported (started, or skipped); their ancestors are counted from them
     */
    TreeEvents(EngineExecutionListener listener, TestDescriptor root, Iterable<? extends TestDescriptor> reported) {
        this.listener = listener;
        this.root = root;
        for (TestDescriptor node : reported) {
            for (TestDescriptor d = node; d != root; d = d.getParent().orElseThrow()) {
                TestDescriptor parent = d.getParent().orElseThrow();
                Integer before = pending.put(parent, pending.getOrDefault(parent, 0) + 1);
                if (before != null) {
                    break; // the parent and its ancestors are already counted through a sibling
                }
            }
        }
    }

    /** The run's root starts: the first event of all. */
    synchronized void rootStarted() {
        listener.executionStarted(root);
        started.add(root);
    }

    /** The run's root ends, after every other event. */
    synchronized void rootFinished(TestExecutionResult result) {
        listener.executionFinished(root, result);
    }

    /** {@code node} starts now; its containers start first if they have not yet. */
    synchronized void started(TestDescriptor node) {
        if (started.contains(node)) {
            return; // a sampled case is started by its first sample, whichever worker gets there first
        }
        startAncestors(node);
        listener.executionStarted(node);
        started.add(node);
    }

    /** {@code node} ended; a container whose children have all ended ends with it. */
    synchronized void finished(TestDescriptor node, TestExecutionResult result) {
        listener.executionFinished(node, result);
        childDone(node);
    }

    /** {@code node} did not run (a cancelled run): reported as skipped, never started. */
    synchronized void skipped(TestDescriptor node, String reason) {
        startAncestors(node);
        listener.executionSkipped(node, reason);
        childDone(node);
    }

    /**
     * {@code child}, a test discovered while running (a sample), is added under {@code parent}, registered and starts;
     * {@link #finished} ends it. Its parent has started, and ends only when told to.
     */
    synchronized void dynamicStarted(TestDescriptor parent, TestDescriptor child) {
        parent.addChild(child);
        listener.dynamicTestRegistered(child);
        started(child);
    }

    synchronized void entry(TestDescriptor node, ReportEntry entry) {
        listener.reportingEntryPublished(node, entry);
    }

    synchronized void file(TestDescriptor node, FileEntry entry) {
        listener.fileEntryPublished(node, entry);
    }

    private void startAncestors(TestDescriptor node) {
        Optional<TestDescriptor> parent = node.getParent();
        if (parent.isEmpty() || started.contains(parent.get())) {
            return;
        }
        startAncestors(parent.get());
        listener.executionStarted(parent.get());
        started.add(parent.get());
    }

    private void childDone(TestDescriptor node) {
        TestDescriptor parent = node.getParent().orElse(null);
        if (parent == null || parent == root || !pending.containsKey(parent)) {
            return; // a dynamic test's parent ends when its own result is known
        }
        int left = pending.merge(parent, -1, Integer::sum);
        if (left == 0) {
            listener.executionFinished(parent, TestExecutionResult.successful());
            childDone(parent);
        }
    }
}
