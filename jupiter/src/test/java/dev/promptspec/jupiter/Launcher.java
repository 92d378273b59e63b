package dev.promptspec.jupiter;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture test classes on the real Jupiter engine, with configuration parameters, as a build would. */
final class Launcher {

    private Launcher() {
    }

    /** A run's configuration: a mode, a (fake) server, recordings in {@code recordings}, no retries, no reports. */
    static Map<String, String> config(String mode, String baseUrl, java.nio.file.Path recordings) {
        Map<String, String> config = new HashMap<>();
        config.put("promptspec.mode", mode);
        config.put("promptspec.openai.base-url", baseUrl);
        config.put("promptspec.default-model", "gpt-4o-mini");
        config.put("promptspec.recordings.dir", recordings.toString());
        config.put("promptspec.retries", "0");
        config.put("promptspec.reports.dir", "none");
        return config;
    }

    static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        Map<String, String> parameters = new HashMap<>(configuration);
        parameters.putIfAbsent("junit.jupiter.extensions.autodetection.enabled", "false");
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).configurationParameters(parameters).execute();
    }

    /** The parallel execution of every test and container at once, four threads. */
    static Map<String, String> parallel(Map<String, String> configuration) {
        Map<String, String> parameters = new HashMap<>(configuration);
        parameters.put("junit.jupiter.execution.parallel.enabled", "true");
        parameters.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
        parameters.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
        parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
        parameters.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
        return parameters;
    }

    /** What the single failed test or container threw. */
    static Throwable onlyFailure(EngineExecutionResults results) {
        List<Event> failed = results.allEvents().failed().list();
        if (failed.size() != 1) {
            throw new AssertionError("expected one failure, got " + failed.size() + ": " + failed);
        }
        Optional<Throwable> thrown = failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable();
        return thrown.orElseThrow();
    }
}
