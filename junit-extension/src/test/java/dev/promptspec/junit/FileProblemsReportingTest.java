package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.promptspec.config.Keys;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A broken prompt file is reported once: as a failing test of its own (Surefire fails the build, and the IDE opens the
 * file at its first error), never also as discovery issues that would print every error a second time; the other
 * files of the same class still run.
 */
class FileProblemsReportingTest {

    @PromptSpec({"prompts/validation/broken.prompt.yml", "prompts/validation/working.prompt.yml"})
    static class BrokenAndWorking {
    }

    private static final String ANSWER = "Tides are the regular rise and fall of the sea, pulled mainly by the Moon's gravity.";

    @Test
    void a_broken_file_is_no_discovery_issue_its_failing_test_points_at_its_first_error() {
        var discovered = EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(Map.of()))
                .selectors(selectClass(BrokenAndWorking.class))
                .discover();

        assertThat(discovered.getDiscoveryIssues()).as("errors are reported by the failing test alone").isEmpty();
        TestDescriptor broken = discovered.getEngineDescriptor().getDescendants().stream()
                .filter(d -> d.getDisplayName().equals("broken.prompt.yml (invalid: 1 error)")).findFirst().orElseThrow();
        FileSource source = (FileSource) broken.getSource().orElseThrow();
        assertThat(source.getFile().toPath().toAbsolutePath().normalize())
                .isEqualTo(Path.of("src/test/resources/prompts/validation/broken.prompt.yml").toAbsolutePath().normalize());
        assertThat(source.getPosition()).contains(FilePosition.from(10, 5));
    }

    @PromptSpec("prompts/brokendata")
    static class BrokenDataFile {
    }

    @Test
    void a_problem_in_a_data_file_points_at_the_data_file() {
        var results = EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(Map.of()))
                .configurationParameter(Keys.MODE, "replay")
                .selectors(selectClass(BrokenDataFile.class))
                .execute();

        assertThat(results.testEvents().failed().list()).singleElement().satisfies(failed -> {
            assertThat(failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                    .contains("prompts/brokendata/orders.jsonl:2:29: error: line 2 of prompts/brokendata/orders.jsonl is not valid JSON");
            FileSource source = (FileSource) failed.getTestDescriptor().getSource().orElseThrow();
            assertThat(source.getFile().toPath().toAbsolutePath().normalize())
                    .isEqualTo(Path.of("src/test/resources/prompts/brokendata/orders.jsonl").toAbsolutePath().normalize());
            assertThat(source.getPosition()).contains(FilePosition.from(2, 29));
        });
    }

    @Test
    void the_broken_file_fails_as_a_test_and_the_working_file_still_runs(@TempDir Path recordings) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.answering(ANSWER)) {
            var results = EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(Map.of("OPENAI_API_KEY", "sk-test-0000000000000000")))
                    .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                    .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                    .selectors(selectClass(BrokenAndWorking.class))
                    .execute();

            results.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
            results.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName("broken.prompt.yml (invalid: 1 error)"),
                    finishedWithFailure(message(m -> m.startsWith("prompts/validation/broken.prompt.yml cannot run: 1 error\n")
                            && m.contains("broken.prompt.yml:10:5: error: unknown evaluator kind 'contians'")))));
            results.containerEvents().assertThatEvents().haveExactly(1, event(container(), displayName("Working"), finishedSuccessfully()));
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void a_real_launcher_runs_the_other_files_despite_the_broken_one(@TempDir Path recordings) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.answering(ANSWER)) {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(BrokenAndWorking.class))
                    .filters(org.junit.platform.launcher.EngineFilter.includeEngines(Constants.ENGINE_ID))
                    .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                    .configurationParameter(Keys.OPENAI_API_KEY, "sk-test-0000000000000000")
                    .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                    .build();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(request, listener);

            TestExecutionSummary summary = listener.getSummary();
            assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
            assertThat(summary.getTestsFailedCount()).isEqualTo(1);
            assertThat(summary.getFailures().get(0).getException().getMessage()).contains("unknown evaluator kind 'contians'");
        }
    }
}
