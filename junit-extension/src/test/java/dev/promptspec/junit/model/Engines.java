package dev.promptspec.junit.model;

import dev.promptspec.junit.PromptSpecTestEngineAccess;
import dev.promptspec.model.Timing;
import dev.promptspec.testing.FakeOpenAiServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Runs the promptspec engine against the in-process server and reads its events. */
final class Engines {

    static final String KEY = "sk-test-modellayer-0123456789abcdef";

    private Engines() {
    }

    /** The engine with a key, pointed at {@code server}. */
    static EngineTestKit.Builder kit(FakeOpenAiServer server) {
        return kit(server, Timing.SYSTEM);
    }

    /** {@link #kit}, waiting for retries and rate limits on {@code timing}. */
    static EngineTestKit.Builder kit(FakeOpenAiServer server, Timing timing) {
        return EngineTestKit.engine(PromptSpecTestEngineAccess.withEnvironment(Map.of("OPENAI_API_KEY", KEY), timing))
                .configurationParameter("promptspec.openai.base-url", server.baseUrl());
    }

    /** {@link #kit} in live mode (nothing written but into {@code recordings}), selecting {@code testClass}. */
    static EngineTestKit.Builder live(FakeOpenAiServer server, java.nio.file.Path recordings, Class<?> testClass) {
        return kit(server)
                .configurationParameter("promptspec.mode", "live")
                .configurationParameter("promptspec.recordings.dir", recordings.toString())
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(testClass));
    }

    /** Each test's result by display name. */
    static Map<String, TestExecutionResult> resultsByName(EngineExecutionResults results) {
        Map<String, TestExecutionResult> m = new LinkedHashMap<>();
        results.testEvents().finished().stream().forEach(e ->
                m.put(e.getTestDescriptor().getDisplayName(), e.getRequiredPayload(TestExecutionResult.class)));
        return m;
    }

    /** The report entries published for one test, merged. */
    static Map<String, String> entries(EngineExecutionResults results, String displayName) {
        Map<String, String> m = new LinkedHashMap<>();
        results.allEvents().reportingEntryPublished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
                .forEach(e -> m.putAll(e.getRequiredPayload(ReportEntry.class).getKeyValuePairs()));
        return m;
    }

    static String attempts(EngineExecutionResults results, String displayName) {
        return entries(results, displayName).get("promptspec.attempts");
    }

    /** The run summary published on the engine. */
    static Map<String, String> runSummary(EngineExecutionResults results) {
        Map<String, String> m = new LinkedHashMap<>();
        results.allEvents().reportingEntryPublished().stream()
                .filter(e -> e.getTestDescriptor().getParent().isEmpty())
                .forEach(e -> m.putAll(e.getRequiredPayload(ReportEntry.class).getKeyValuePairs()));
        return m;
    }

    static Optional<TestDescriptor> test(EngineExecutionResults results, String displayName) {
        return results.testEvents().started().stream().map(Event::getTestDescriptor)
                .filter(d -> d.getDisplayName().equals(displayName)).findFirst();
    }

    static long count(EngineExecutionResults results, EventType type) {
        return results.testEvents().stream().filter(e -> e.getType() == type).count();
    }
}
