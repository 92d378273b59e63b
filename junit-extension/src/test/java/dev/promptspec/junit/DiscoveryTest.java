package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.discovery.PackageNameFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** Every selector kind a build tool, IDE or the ConsoleLauncher sends, down to the unique ids it produces. */
class DiscoveryTest {

    @PromptSpec("prompts/basic")
    static class Greetings {
    }

    @PromptSpec({"prompts/basic/greeting.prompt.yml", "prompts/triage"})
    static class TwoLocations {
    }

    /** Not annotated: not PromptSpec's to run. */
    static class PlainClass {
    }

    private static final UniqueId ENGINE = UniqueId.forEngine(Constants.ENGINE_ID);
    private static final String GREETING = "prompts/basic/greeting.prompt.yml";
    private static final String TRIAGE = "prompts/triage/triage.prompt.yml";
    private static final Path TRIAGE_ON_DISK = Path.of("src/test/resources", TRIAGE);

    private static UniqueId classId(Class<?> c) {
        return ENGINE.append("class", c.getName());
    }

    private static TestDescriptor discover(DiscoverySelector... selectors) {
        return EngineKit.offline().selectors(selectors).discover().getEngineDescriptor();
    }

    /** Every descriptor below the engine, depth first, as unique ids. */
    private static List<UniqueId> ids(TestDescriptor root) {
        List<UniqueId> ids = new ArrayList<>();
        root.getDescendants().stream().sorted((a, b) -> a.getUniqueId().toString().compareTo(b.getUniqueId().toString()))
                .forEach(d -> ids.add(d.getUniqueId()));
        return ids;
    }

    private static List<UniqueId> testIds(TestDescriptor root) {
        return root.getDescendants().stream().filter(TestDescriptor::isTest).map(TestDescriptor::getUniqueId).sorted(
                (a, b) -> a.toString().compareTo(b.toString())).toList();
    }

    @Test
    void a_class_selects_its_files_and_every_entry_of_them() {
        UniqueId file = classId(Greetings.class).append("file", GREETING);
        assertThat(ids(discover(selectClass(Greetings.class)))).containsExactly(
                classId(Greetings.class), file, file.append("case", "Ada"), file.append("case", "Grace"));
    }

    @Test
    void unique_ids_read_as_documented() {
        UniqueId ada = classId(Greetings.class).append("file", GREETING).append("case", "Ada");
        assertThat(ada.toString()).isEqualTo("[engine:promptspec]/[class:dev.promptspec.junit.DiscoveryTest$Greetings]"
                + "/[file:prompts%2Fbasic%2Fgreeting.prompt.yml]/[case:Ada]");
        assertThat(UniqueId.parse(ada.toString())).isEqualTo(ada);
    }

    @Test
    void a_class_with_several_locations_selects_files_and_folders_recursively_each_once() {
        UniqueId cls = classId(TwoLocations.class);
        assertThat(testIds(discover(selectClass(TwoLocations.class)))).containsExactly(
                cls.append("file", GREETING).append("case", "Ada"),
                cls.append("file", GREETING).append("case", "Grace"),
                cls.append("file", TRIAGE).append("case", "#3"),
                cls.append("file", TRIAGE).append("case", "#4"),
                cls.append("file", TRIAGE).append("case", "dashboard down"),
                cls.append("file", TRIAGE).append("case", "no ticket"),
                cls.append("file", TRIAGE).append("case", "wrong VAT"));
    }

    @Test
    void a_class_without_the_annotation_and_files_that_are_not_prompt_files_select_nothing() {
        assertThat(discover(selectClass(PlainClass.class)).getChildren()).isEmpty();
        assertThat(discover(selectFile("pom.xml"), selectDirectory("src/main/java")).getChildren()).isEmpty();
        assertThat(discover(selectClasspathResource("junit-platform.properties")).getChildren()).isEmpty();
    }

    @Test
    void a_package_selects_its_annotated_classes_and_the_prompt_files_under_its_path() {
        assertThat(discover(selectPackage("dev.promptspec.junit.pkg")).getChildren()).extracting(TestDescriptor::getUniqueId)
                .containsExactlyInAnyOrder(
                        ENGINE.append("class", "dev.promptspec.junit.pkg.PackageFixtures$FrenchGreetings"),
                        ENGINE.append("class", "dev.promptspec.junit.pkg.PackageFixtures$Greetings"),
                        ENGINE.append("file", "dev/promptspec/junit/pkg/welcome.prompt.yml"));
    }

    @Test
    void a_package_name_filter_applies_to_classes_and_prompt_files_alike() {
        TestDescriptor root = EngineKit.offline().selectors(selectPackage("dev.promptspec.junit"))
                .filters(PackageNameFilter.includePackageNames("dev.promptspec.junit.pkg")).discover().getEngineDescriptor();
        assertThat(root.getChildren()).extracting(d -> d.getUniqueId().getLastSegment().getValue()).containsExactlyInAnyOrder(
                "dev.promptspec.junit.pkg.PackageFixtures$FrenchGreetings", "dev.promptspec.junit.pkg.PackageFixtures$Greetings",
                "dev/promptspec/junit/pkg/welcome.prompt.yml");
    }

    /** What {@code --scan-classpath} and an IDE's "run all tests in module" send. */
    @Test
    void a_classpath_root_selects_its_annotated_classes_and_every_prompt_file_no_class_runs() throws Exception {
        Path testClasses = Path.of(Greetings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        TestDescriptor root = EngineKit.offline()
                .selectors(selectClasspathRoots(Set.of(testClasses)).get(0))
                .filters(ClassNameFilter.includeClassNamePatterns(".*\\.DiscoveryTest\\$Greetings"))
                .discover().getEngineDescriptor();

        List<String> promptFiles;
        try (Stream<Path> files = Files.walk(testClasses)) {
            promptFiles = files.filter(f -> f.toString().endsWith(".prompt.yml")).map(f -> testClasses.relativize(f).toString()
                    .replace('\\', '/')).sorted().toList();
        }
        assertThat(promptFiles).as("the test class path's prompt files").hasSizeGreaterThan(15).contains(GREETING, TRIAGE);
        List<String> standalone = root.getChildren().stream().filter(d -> d.getUniqueId().getLastSegment().getType().equals("file"))
                .map(d -> d.getUniqueId().getLastSegment().getValue()).sorted().toList();
        assertThat(standalone).as("every file once, the one the selected class names through the class only, and a file"
                        + " without testData has no test to run (a discovery warning says so)")
                .isEqualTo(promptFiles.stream().filter(f -> !f.equals(GREETING) && !f.equals("prompts/no-cases/summary.prompt.yml"))
                        .toList());
        assertThat(root.getChildren()).filteredOn(PromptClassDescriptor.class::isInstance).extracting(TestDescriptor::getUniqueId)
                .as("classes the class name filter lets through").containsExactly(classId(Greetings.class));
        assertThat(testIds(root)).contains(classId(Greetings.class).append("file", GREETING).append("case", "Ada"));
    }

    @Test
    void a_classpath_folder_selects_every_prompt_file_below_it_alone_under_the_engine() {
        assertThat(discover(selectClasspathResource("prompts/mixed")).getChildren()).extracting(TestDescriptor::getUniqueId)
                .containsExactly(ENGINE.append("file", "prompts/mixed/broken.prompt.yml"),
                        ENGINE.append("file", "prompts/mixed/good.prompt.yml"));
        assertThat(discover(selectClasspathResource("/prompts/model-layer/")).getChildren())
                .as("a leading or trailing slash, a hyphen, sub-folders")
                .extracting(d -> d.getUniqueId().getLastSegment().getValue()).containsExactly(
                        "prompts/model-layer/faults/order-status.prompt.yml", "prompts/model-layer/load-more/day-trips.prompt.yml",
                        "prompts/model-layer/load/cities.prompt.yml", "prompts/model-layer/secrets/refunds.prompt.yml");
    }

    @Test
    void a_classpath_folder_inside_a_jar_selects_its_prompt_files(@TempDir Path dir) throws Exception {
        Path jar = PromptJars.write(dir.resolve("shared-prompts.jar"), "shared/", "shared/prompts/", "shared/prompts/echo.prompt.yml",
                "shared/prompts/notes.txt", "shared/prompts/release-1.2/", "shared/prompts/release-1.2/echo.prompt.yml");
        PromptJars.onClassPath(jar, () -> {
            UniqueId file = ENGINE.append("file", "shared/prompts/echo.prompt.yml");
            UniqueId released = ENGINE.append("file", "shared/prompts/release-1.2/echo.prompt.yml");
            List<UniqueId> both = List.of(file, file.append("case", "#1"), released, released.append("case", "#1"));
            assertThat(ids(discover(selectClasspathResource("shared/prompts")))).isEqualTo(both);
            assertThat(ids(discover(selectPackage("shared")))).as("a package inside a jar").isEqualTo(both);
            assertThat(ids(discover(selectClasspathResource("shared/prompts/release-1.2"))))
                    .containsExactly(released, released.append("case", "#1"));
        });
    }

    @Test
    void a_classpath_folder_with_a_dot_in_its_name_selects_its_prompt_files() {
        UniqueId file = ENGINE.append("file", "prompts/release-1.2/release-greeting.prompt.yml");
        assertThat(ids(discover(selectClasspathResource("prompts/release-1.2")))).containsExactly(file, file.append("case", "Margaret"));
    }

    @Test
    void a_classpath_folder_without_prompt_files_selects_nothing() {
        assertThat(discover(selectClasspathResource("prompts/misnamed"), selectClasspathResource("no/such/folder"))
                .getChildren()).isEmpty();
    }

    @Test
    void a_classpath_resource_selects_the_file_alone_under_the_engine() {
        UniqueId file = ENGINE.append("file", GREETING);
        assertThat(ids(discover(selectClasspathResource(GREETING)))).containsExactly(
                file, file.append("case", "Ada"), file.append("case", "Grace"));
        assertThat(ids(discover(selectClasspathResource("/" + GREETING)))).as("a leading slash is the same resource")
                .containsExactly(file, file.append("case", "Ada"), file.append("case", "Grace"));
    }

    @Test
    void a_classpath_resource_with_a_line_selects_the_entry_holding_that_line() {
        UniqueId file = ENGINE.append("file", GREETING);
        assertThat(testIds(discover(selectClasspathResource(GREETING, FilePosition.from(14)))))
                .containsExactly(file.append("case", "Grace"));
        assertThat(testIds(discover(selectClasspathResource(GREETING, FilePosition.from(2)))))
                .as("a line above every entry selects the whole file")
                .containsExactly(file.append("case", "Ada"), file.append("case", "Grace"));
    }

    @Test
    void a_file_on_disk_is_named_by_its_path() {
        UniqueId file = ENGINE.append("path", "src/test/resources/" + TRIAGE);
        assertThat(testIds(discover(selectFile(TRIAGE_ON_DISK.toString())))).containsExactly(
                file.append("case", "#3"), file.append("case", "#4"), file.append("case", "dashboard down"),
                file.append("case", "no ticket"), file.append("case", "wrong VAT"));
        assertThat(testIds(discover(selectFile(TRIAGE_ON_DISK.toAbsolutePath().toString()))))
                .as("an absolute path inside the working directory gives the same ids").hasSize(5).allMatch(
                        id -> id.toString().startsWith(file.toString()));
    }

    @Test
    void a_file_with_a_line_selects_the_one_entry_an_ide_points_at() {
        UniqueId file = ENGINE.append("path", "src/test/resources/" + TRIAGE);
        // Line 26 is inside the second entry ("dashboard down" starts at line 24).
        assertThat(testIds(discover(selectFile(TRIAGE_ON_DISK.toString(), FilePosition.from(26)))))
                .containsExactly(file.append("case", "dashboard down"));
        assertThat(testIds(discover(selectFile(TRIAGE_ON_DISK.toString(), FilePosition.from(24, 5)))))
                .containsExactly(file.append("case", "dashboard down"));
    }

    @Test
    void a_directory_selects_every_prompt_file_below_it() {
        assertThat(discover(selectDirectory("src/test/resources/prompts/mixed")).getChildren())
                .extracting(d -> d.getUniqueId().getLastSegment().getValue())
                .containsExactlyInAnyOrder("src/test/resources/prompts/mixed/broken.prompt.yml",
                        "src/test/resources/prompts/mixed/good.prompt.yml");
    }

    @Test
    void selecting_a_class_and_one_of_its_cases_builds_one_tree() {
        UniqueId ada = classId(Greetings.class).append("file", GREETING).append("case", "Ada");
        assertThat(testIds(discover(selectClass(Greetings.class), selectUniqueId(ada)))).hasSize(2);
    }

    @Test
    void an_id_naming_a_case_that_does_not_exist_selects_nothing() {
        UniqueId ghost = classId(Greetings.class).append("file", GREETING).append("case", "Linus");
        assertThat(testIds(discover(selectUniqueId(ghost)))).isEmpty();
    }

    /** What IDEs do to rerun one test: select its unique id and expect exactly that test to run. */
    @Test
    void every_discovered_id_selected_alone_runs_exactly_that_test() throws Exception {
        List<DiscoverySelector> everyKind = List.of(selectClass(TwoLocations.class), selectClasspathResource(TRIAGE),
                selectFile(TRIAGE_ON_DISK.toString()), selectPackage("dev.promptspec.junit.pkg"),
                selectClasspathResource("prompts/basic"));
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            for (DiscoverySelector selector : everyKind) {
                List<UniqueId> tests = testIds(discover(selector));
                assertThat(tests).as("discovered by " + selector).isNotEmpty();
                for (UniqueId id : tests) {
                    EngineExecutionResults results = EngineKit.live(server).selectors(selectUniqueId(id)).execute();
                    assertThat(results.testEvents().started().list()).as(id.toString())
                            .extracting(Event::getTestDescriptor).extracting(TestDescriptor::getUniqueId).containsExactly(id);
                    assertThat(results.testEvents().finished().count()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void a_file_or_class_id_selected_alone_runs_all_of_it() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            UniqueId file = classId(TwoLocations.class).append("file", GREETING);
            EngineKit.live(server).selectors(selectUniqueId(file)).execute().testEvents()
                    .assertStatistics(s -> s.started(2).succeeded(2));
            EngineKit.live(server).selectors(selectUniqueId(classId(Greetings.class))).execute().testEvents()
                    .assertStatistics(s -> s.started(2).succeeded(2));
        }
    }
}
