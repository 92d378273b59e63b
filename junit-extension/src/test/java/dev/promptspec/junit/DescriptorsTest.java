package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.promptspec.config.Keys;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.Event;

/** What IDEs and reports show: names, sources that open the YAML at the entry's line, tags. */
class DescriptorsTest {

    @PromptSpec("prompts/triage/triage.prompt.yml")
    static class Triage {
    }

    private static final Path TRIAGE_SOURCE = Path.of("src/test/resources/prompts/triage/triage.prompt.yml").toAbsolutePath();

    private static TestDescriptor discover(Class<?> c) {
        return EngineKit.offline().selectors(selectClass(c)).discover().getEngineDescriptor();
    }

    private static TestDescriptor only(TestDescriptor parent) {
        assertThat(parent.getChildren()).hasSize(1);
        return parent.getChildren().iterator().next();
    }

    private static List<TestDescriptor> cases(TestDescriptor root) {
        return root.getDescendants().stream().filter(TestDescriptor::isTest).map(d -> (TestDescriptor) d).toList();
    }

    @Test
    void names_come_from_the_class_the_file_name_and_each_entry() {
        TestDescriptor cls = only(discover(Triage.class));
        TestDescriptor file = only(cls);
        assertThat(cls.getDisplayName()).isEqualTo("Triage");
        assertThat(file.getDisplayName()).isEqualTo("Ticket triage");
        assertThat(file.getChildren()).extracting(TestDescriptor::getDisplayName).containsExactly(
                "wrong VAT",                                    // name
                "dashboard down",                               // name, even with a description
                "A feature request is other",                   // description
                "#4 ticket=\"Where do I change the email address that receives invoices?\" …", // index and variables
                "no ticket");
    }

    @Test
    void a_file_without_a_name_shows_its_file_name_and_long_values_are_cut(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summaries.prompt.yml");
        Files.writeString(file, """
                model: gpt-4o-mini
                messages:
                  - role: user
                    content: "Summarize for {{audience}}: {{text}}"
                testData:
                  - audience: executives
                    text: |
                      Revenue grew 12% quarter over quarter, driven by the enterprise tier, while churn in the
                      self-serve tier rose from 2.1% to 2.8% after the price change in February.
                """);
        TestDescriptor fileNode = only(EngineKit.offline().selectors(selectFile(file.toString())).discover().getEngineDescriptor());
        assertThat(fileNode.getDisplayName()).isEqualTo("summaries.prompt.yml");
        assertThat(only(fileNode).getDisplayName()).isEqualTo(
                "#1 audience=\"executives\" text=\"Revenue grew 12% quarter over quarter, dri…\"");
    }

    @Test
    void reports_name_the_class_fully_and_each_case_with_its_file() {
        TestDescriptor cls = only(discover(Triage.class));
        TestDescriptor file = only(cls);
        assertThat(cls.getLegacyReportingName()).isEqualTo(Triage.class.getName());
        assertThat(file.getLegacyReportingName()).isEqualTo("prompts/triage/triage.prompt.yml");
        assertThat(file.getChildren()).extracting(TestDescriptor::getLegacyReportingName).startsWith(
                "triage.prompt.yml: wrong VAT", "triage.prompt.yml: dashboard down");
    }

    @Test
    void the_class_has_a_class_source_and_files_and_entries_open_the_yaml_in_src_test_resources_at_their_line() {
        TestDescriptor cls = only(discover(Triage.class));
        TestDescriptor file = only(cls);
        assertThat(cls.getSource()).contains(ClassSource.from(Triage.class));
        assertThat(file.getSource()).contains(FileSource.from(TRIAGE_SOURCE.toFile()));
        assertThat(TRIAGE_SOURCE.toString()).doesNotContain("target");
        assertThat(file.getChildren()).extracting(d -> d.getSource().orElseThrow()).containsExactly(
                FileSource.from(TRIAGE_SOURCE.toFile(), FilePosition.from(21, 5)),
                FileSource.from(TRIAGE_SOURCE.toFile(), FilePosition.from(24, 5)),
                FileSource.from(TRIAGE_SOURCE.toFile(), FilePosition.from(29, 5)),
                FileSource.from(TRIAGE_SOURCE.toFile(), FilePosition.from(32, 5)),
                FileSource.from(TRIAGE_SOURCE.toFile(), FilePosition.from(34, 5)));
    }

    @Test
    void a_prompt_file_inside_a_jar_has_a_classpath_resource_source(@TempDir Path dir) throws Exception {
        Path jar = PromptJars.write(dir.resolve("prompts.jar"), "shared/prompts/echo.prompt.yml");
        PromptJars.onClassPath(jar, () -> {
            TestDescriptor file = only(EngineKit.offline().selectors(selectClasspathResource("shared/prompts/echo.prompt.yml"))
                    .discover().getEngineDescriptor());
            assertThat(file.getSource()).contains(ClasspathResourceSource.from("shared/prompts/echo.prompt.yml"));
            assertThat(only(file).getSource()).contains(
                    ClasspathResourceSource.from("shared/prompts/echo.prompt.yml", FilePosition.from(6, 5)));
        });
    }

    @Test
    void metadata_tags_tag_the_file_and_every_entry_and_entry_tags_add_to_them() {
        TestDescriptor file = only(only(discover(Triage.class)));
        assertThat(file.getTags()).containsExactlyInAnyOrder(TestTag.create("triage"), TestTag.create("smoke"));
        assertThat(file.getChildren()).extracting(TestDescriptor::getDisplayName, d -> d.getTags().size()).startsWith(
                tuple("wrong VAT", 2), tuple("dashboard down", 3));
        TestDescriptor outage = file.getChildren().stream().filter(d -> d.getDisplayName().equals("dashboard down")).findFirst()
                .orElseThrow();
        assertThat(outage.getTags()).containsExactlyInAnyOrder(TestTag.create("p1"), TestTag.create("triage"),
                TestTag.create("smoke"));
    }

    @Test
    void tag_filters_select_entries_as_with_any_junit_test() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            List<String> p1 = EngineKit.live(server).selectors(selectClass(Triage.class)).filters(TagFilter.includeTags("p1"))
                    .execute().testEvents().started().map(Event::getTestDescriptor).map(TestDescriptor::getDisplayName).toList();
            assertThat(p1).containsExactly("dashboard down");

            long notP1 = EngineKit.live(server).selectors(selectClass(Triage.class)).filters(TagFilter.includeTags("triage & !p1"))
                    .execute().testEvents().started().count();
            assertThat(notP1).isEqualTo(4);

            long excluded = EngineKit.live(server).selectors(selectClass(Triage.class)).filters(TagFilter.excludeTags("smoke"))
                    .execute().testEvents().started().count();
            assertThat(excluded).isZero();
        }
    }

    @Test
    void a_tag_junit_cannot_represent_is_left_out_and_reported() {
        var kit = EngineKit.engine(Map.of()).configurationParameter(Keys.MODE, "replay")
                .selectors(selectClasspathResource("prompts/tags/odd-tags.prompt.yml"));
        List<DiscoveryIssue> issues = kit.discover().getDiscoveryIssues();
        assertThat(issues).extracting(DiscoveryIssue::message).containsExactly(
                "prompts/tags/odd-tags.prompt.yml: warning: tag 'needs review' is not a valid JUnit tag (no spaces, commas,"
                        + " parentheses, &, |, !) and is ignored. Rename it, e.g. with - for spaces");
        TestDescriptor file = only(kit.discover().getEngineDescriptor());
        assertThat(cases(file)).singleElement().satisfies(d -> assertThat(d.getTags()).containsExactly(TestTag.create("nightly")));
    }

    /** What the names showed before, computed without a regular expression and without reading past what is shown. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "   ", "short", "  padded  ", "tabs\tand\nnew  lines\r\n here",
        "\u0001control at the start", "a\u0001 \u0002b", "ends with controls\u0001\u0002", "non-breaking\u00a0and em\u2003spaces",
        "exactly twenty chars", "exactly twenty chars ", "a value that is much longer than the budget of twenty characters",
        "  a  value  with   runs   of   spaces   longer   than   twenty  ", "\f\u000B vertical tab and form feed \u000B"})
    void the_glimpse_of_a_value_is_its_whitespace_collapsed_trimmed_and_cut(String value) {
        for (int budget : new int[] {1, 5, 20, 60}) {
            String expected = value.replaceAll("\\s+", " ").trim();
            if (expected.length() > budget) {
                expected = expected.substring(0, budget) + "…";
            }
            assertThat(PromptCaseDescriptor.glimpse(value, budget)).as("budget %d", budget).isEqualTo(expected);
        }
    }
}
