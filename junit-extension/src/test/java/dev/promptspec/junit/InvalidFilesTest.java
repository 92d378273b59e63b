package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.promptspec.problem.InvalidPromptFileException;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.Prompts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    /** A folder that exists but whose files are not named *.prompt.yml. */
    @PromptSpec("prompts/misnamed")
    static class MisnamedFiles {
    }

    /** A file whose test data is misspelt ({@code testdata:}) or missing: it loads, but holds no test case. */
    @PromptSpec("prompts/no-cases/summary.prompt.yml")
    static class NoCases {
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
    void errors_are_reported_once_by_the_failing_test_which_points_at_the_first_one() {
        var discovered = EngineKit.offline().selectors(selectClass(Mixed.class)).discover();

        assertThat(discovered.getDiscoveryIssues()).as("not printed a second time as discovery issues").isEmpty();
        TestDescriptor broken = discovered.getEngineDescriptor().getDescendants().stream()
                .filter(d -> d.getDisplayName().startsWith("broken.prompt.yml")).findFirst().orElseThrow();
        assertThat(broken.getSource()).contains(FileSource.from(BROKEN.toFile(), FilePosition.from(4, 11)));
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
    void an_annotation_naming_nothing_fails_the_class_instead_of_passing_with_no_test() {
        EngineExecutionResults results = EngineKit.offline().selectors(selectClass(NoLocation.class)).execute();

        Event failed = results.testEvents().failed().list().get(0);
        assertThat(results.testEvents().failed().count()).isOne();
        assertThat(failed.getTestDescriptor().getSource()).contains(ClassSource.from(NoLocation.class));
        assertThat(failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).hasMessage("@PromptSpec on "
                + NoLocation.class.getName() + " names no prompt file, so it has no test. Name a classpath file or folder,"
                + " e.g. @PromptSpec(\"prompts\") for src/test/resources/prompts");
    }

    @Test
    void a_folder_without_prompt_files_is_a_failing_test_that_says_how_to_name_them() {
        EngineExecutionResults results = EngineKit.offline().selectors(selectClass(MisnamedFiles.class)).execute();

        assertThat(results.testEvents().failed().list()).singleElement().satisfies(e ->
                assertThat(e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).hasMessage(
                        "prompts/misnamed cannot run: 1 error\n  prompts/misnamed: error: @PromptSpec(\"prompts/misnamed\") on "
                                + MisnamedFiles.class.getName() + ": the folder 'prompts/misnamed' on the class path holds no"
                                + " prompt file. Name prompt files *.prompt.yml or *.prompt.yaml"));
    }

    @Test
    void a_class_whose_files_hold_no_test_case_fails_instead_of_passing_with_no_test() {
        EngineExecutionResults results = EngineKit.offline().selectors(selectClass(NoCases.class)).execute();

        assertThat(results.testEvents().failed().list()).singleElement().satisfies(e -> {
            assertThat(e.getTestDescriptor().getSource()).contains(ClassSource.from(NoCases.class));
            assertThat(e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).hasMessage("@PromptSpec on "
                    + NoCases.class.getName() + " found 1 prompt file (prompts/no-cases/summary.prompt.yml) but no test case: it"
                    + " has no testData entries. Add testData: with one entry per test (check its spelling: testData)");
        });
        assertThat(results.testEvents().succeeded().count()).isZero();
    }

    @Test
    void a_file_that_is_not_utf_8_fails_at_the_byte_instead_of_sending_replacement_characters(@TempDir Path dir) throws Exception {
        Path latin1 = dir.resolve("cafe.prompt.yml");
        // Saved as Windows-1252 by an editor: the é of "Café" is the single byte 0xE9.
        Files.write(latin1, ("name: Caf\u00e9 menu\nmodel: gpt-4o-mini\nmessages:\n  - role: user\n"
                + "    content: \"Suggest a dessert for {{guest}}\"\ntestData:\n  - guest: Ren\u00e9e\n")
                .getBytes(StandardCharsets.ISO_8859_1));

        EngineExecutionResults results = EngineKit.offline().selectors(selectFile(latin1.toString())).execute();

        assertThat(results.testEvents().failed().list()).singleElement().satisfies(e -> {
            assertThat(e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                    .contains("cafe.prompt.yml:1:10: error: the file is not valid UTF-8 at line 1, column 10 (byte 0xE9");
            assertThat(e.getTestDescriptor().getSource()).contains(FileSource.from(latin1.toFile(), FilePosition.from(1, 10)));
        });
    }

    @Test
    void the_invalid_file_node_points_at_its_first_error() {
        TestDescriptor engine = EngineKit.offline().selectors(selectClass(Mixed.class)).discover().getEngineDescriptor();
        TestDescriptor broken = engine.getDescendants().stream()
                .filter(d -> d.getDisplayName().startsWith("broken.prompt.yml")).findFirst().orElseThrow();
        assertThat(broken.getSource()).contains(FileSource.from(BROKEN.toFile(), FilePosition.from(4, 11)));
        assertThat(broken.getLegacyReportingName()).isEqualTo("prompts/mixed/broken.prompt.yml");
    }
}
