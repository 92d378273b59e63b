package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.problem.InvalidPromptFileException;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.Prompts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** A broken file fails on its own, says everything that is wrong with positions, and stops nothing else. */
class InvalidFilesTest {

    @PromptSpec("prompts/mixed")
    static class Mixed {
    }

    @PromptSpec({"prompts/basic/greeting.prompt.yml", "prompts/no-such-folder"})
    static class MissingLocation {
    }

    @PromptSpec({})
    static class NoLocation {
    }

    private static final Path BROKEN = Path.of("src/test/resources/prompts/mixed/broken.prompt.yml").toAbsolutePath();
    private static final String KINDS = String.join(", ", Prompts.REGISTRY.kinds().stream().sorted().toList());

    private static Event finished(EngineExecutionResults results, String displayName) {
        return results.allEvents().finished().filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
                .findFirst().orElseThrow(() -> new AssertionError("no finished event for " + displayName));
    }

    @Test
    void an_invalid_file_is_one_failing_test_listing_every_problem_while_the_other_file_runs() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineExecutionResults results = EngineKit.live(server).selectors(selectClass(Mixed.class)).execute();

            results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
            assertThat(finished(results, "Camille").getRequiredPayload(TestExecutionResult.class).getStatus())
                    .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);

            Event broken = finished(results, "broken.prompt.yml (invalid: 2 errors)");
            assertThat(broken.getTestDescriptor().isTest()).isTrue();
            assertThat(broken.getTestDescriptor().getChildren()).isEmpty();
            Throwable thrown = broken.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(thrown).isInstanceOf(InvalidPromptFileException.class).isNotInstanceOf(AssertionError.class)
                    .hasMessage("prompts/mixed/broken.prompt.yml cannot run: 2 errors\n"
                            + "  prompts/mixed/broken.prompt.yml:4:11: error: unknown role 'usr' in message #1 — did you mean 'user'? Use system,"
                            + " user or assistant\n"
                            + "  prompts/mixed/broken.prompt.yml:10:5: error: unknown evaluator kind 'strng' in evaluator 'short' — did you mean 'string'?"
                            + " Known kinds: " + KINDS);
            assertThat(server.requests()).as("only the valid file called the model").hasSize(1);
        }
    }

    @Test
    void each_problem_is_a_discovery_issue_whose_source_is_the_yaml_line() {
        List<DiscoveryIssue> issues = EngineKit.offline().selectors(selectClass(Mixed.class)).discover().getDiscoveryIssues();

        assertThat(issues).extracting(DiscoveryIssue::severity).containsOnly(DiscoveryIssue.Severity.WARNING);
        assertThat(issues).extracting(DiscoveryIssue::message).containsExactly(
                "prompts/mixed/broken.prompt.yml:4:11: error: unknown role 'usr' in message #1 — did you mean 'user'? Use system, user or"
                        + " assistant",
                "prompts/mixed/broken.prompt.yml:10:5: error: unknown evaluator kind 'strng' in evaluator 'short' — did you mean 'string'? Known kinds: "
                        + KINDS);
        assertThat(issues).extracting(i -> i.source().orElseThrow()).containsExactly(
                FileSource.from(BROKEN.toFile(), FilePosition.from(4, 11)),
                FileSource.from(BROKEN.toFile(), FilePosition.from(10, 5)));
    }

    @Test
    void a_location_that_does_not_exist_is_a_failing_test_named_after_it_that_says_where_files_go() {
        EngineExecutionResults results = EngineKit.offline().selectors(selectClass(MissingLocation.class)).execute();

        Event missing = results.testEvents().finished()
                .filter(e -> e.getTestDescriptor().getUniqueId().getLastSegment().getValue().equals("prompts/no-such-folder"))
                .findFirst().orElseThrow();
        assertThat(missing.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .isInstanceOf(InvalidPromptFileException.class)
                .hasMessage("prompts/no-such-folder cannot run: 1 error\n  prompts/no-such-folder: error: @PromptSpec(\"prompts/no-such-folder\")"
                        + " on " + MissingLocation.class.getName() + ": no prompt file or folder 'prompts/no-such-folder' on the class"
                        + " path. Put it under src/test/resources/prompts/no-such-folder (locations are classpath paths, without"
                        + " 'src/test/resources'), and name prompt files *.prompt.yml or *.prompt.yaml");
        assertThat(results.testEvents().started().count()).as("the greeting file still runs beside it").isEqualTo(3);
    }

    @Test
    void an_annotation_naming_nothing_is_a_warning_on_the_class() {
        List<DiscoveryIssue> issues = EngineKit.offline().selectors(selectClass(NoLocation.class)).discover().getDiscoveryIssues();
        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.message()).isEqualTo("@PromptSpec on " + NoLocation.class.getName()
                    + " names no prompt file; add a classpath location such as @PromptSpec(\"prompts\")");
            assertThat(issue.source()).contains(ClassSource.from(NoLocation.class));
        });
    }

    @Test
    void the_invalid_file_node_points_at_the_file() {
        TestDescriptor engine = EngineKit.offline().selectors(selectClass(Mixed.class)).discover().getEngineDescriptor();
        TestDescriptor broken = engine.getDescendants().stream()
                .filter(d -> d.getDisplayName().startsWith("broken.prompt.yml")).findFirst().orElseThrow();
        assertThat(broken.getSource()).contains(FileSource.from(BROKEN.toFile()));
        assertThat(broken.getLegacyReportingName()).isEqualTo("prompts/mixed/broken.prompt.yml");
    }
}
