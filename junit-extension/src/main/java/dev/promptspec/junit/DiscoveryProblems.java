package dev.promptspec.junit;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;

/**
 * Where discovery warnings go: the platform's discovery issues (1.13+, which IDEs and the launcher show with their
 * source), else the log. Errors never come here: a file, class or run that cannot run is a failing node of the tree,
 * which fails the build on every platform and reports each problem once.
 */
interface DiscoveryProblems {

    /** A warning about {@code source} (nullable). The same warning twice is reported once. */
    void warning(String message, TestSource source);

    static DiscoveryProblems of(EngineDiscoveryRequest request, UniqueId engineId) {
        return PlatformFeatures.discoveryIssues() ? PlatformIssues.of(request, engineId) : new Logged();
    }

    /** Platform 1.12: JUL, which the platform itself logs through and Surefire and IDEs show. */
    final class Logged implements DiscoveryProblems {
        private static final Logger LOG = Logger.getLogger("dev.promptspec.junit");
        private final Set<String> seen = new LinkedHashSet<>();

        @Override
        public synchronized void warning(String message, TestSource source) {
            String text = "PromptSpec: " + message + (source == null ? "" : " [" + source + "]");
            if (seen.add(text)) {
                LOG.log(Level.WARNING, text);
            }
        }
    }

    /** Loaded only where discovery issues exist (platform 1.13+). */
    final class PlatformIssues implements DiscoveryProblems {
        private final org.junit.platform.engine.support.discovery.DiscoveryIssueReporter reporter;

        private PlatformIssues(org.junit.platform.engine.support.discovery.DiscoveryIssueReporter reporter) {
            this.reporter = reporter;
        }

        static DiscoveryProblems of(EngineDiscoveryRequest request, UniqueId engineId) {
            return new PlatformIssues(org.junit.platform.engine.support.discovery.DiscoveryIssueReporter.deduplicating(
                    org.junit.platform.engine.support.discovery.DiscoveryIssueReporter.forwarding(
                            request.getDiscoveryListener(), engineId)));
        }

        @Override
        public void warning(String message, TestSource source) {
            reporter.reportIssue(org.junit.platform.engine.DiscoveryIssue.builder(
                    org.junit.platform.engine.DiscoveryIssue.Severity.WARNING, message).source(source));
        }
    }
}
