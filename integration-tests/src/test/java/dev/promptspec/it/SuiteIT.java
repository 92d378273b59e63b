package dev.promptspec.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A project that runs its prompt files through JUnit's own suite engine, with no class of PromptSpec's:
 * {@code @Suite @SelectClasspathResource("prompts") @IncludeEngines("promptspec")}, built by real Maven on the oldest and
 * the newest JUnit PromptSpec supports. Surefire reports every recorded case, replayed, under the suite class, and the
 * reports land in the output directory the platform gives the run.
 */
class SuiteIT {

    private static final String SUITE_CLASS = UserProject.GROUP + ".PromptSuiteTest";
    /** The recorded tests of the two example files UserProject copies. */
    private static final int RECORDED_TESTS = 3 + 1;

    @BeforeAll
    static void publishThisBuild() throws Exception {
        PromptSpecArtifacts.publish(ForkedMaven.headRepository());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = JUnitSetup.class, names = {"JUNIT_BOM_5_12", "JUNIT_BOM_6_1"})
    void a_suite_selecting_a_classpath_folder_runs_its_recorded_prompt_files(JUnitSetup setup) throws Exception {
        Path project = UserProject.create(Path.of("target", "user-builds", "suite-" + setup.directory()).toAbsolutePath(),
                setup.pom(ForkedMaven.version(), """
                            <dependency>
                              <groupId>org.junit.platform</groupId>
                              <artifactId>junit-platform-suite</artifactId>
                              <scope>test</scope>
                            </dependency>
                        """));
        // No @PromptSpec class and no prompt without a recording: the suite alone selects the recorded files.
        Files.delete(project.resolve("src/test/java/com/example/support/SupportPromptsTest.java"));
        Files.delete(project.resolve("src/test/resources/" + UserProject.NEW_PROMPT));
        Files.writeString(project.resolve("src/test/java/com/example/support/PromptSuiteTest.java"), """
                package com.example.support;

                import org.junit.platform.suite.api.IncludeEngines;
                import org.junit.platform.suite.api.SelectClasspathResource;
                import org.junit.platform.suite.api.Suite;

                /** Every prompt file under src/test/resources/prompts, through JUnit's suite engine. */
                @Suite
                @IncludeEngines("promptspec")
                @SelectClasspathResource("prompts")
                class PromptSuiteTest {
                }
                """, StandardCharsets.UTF_8);

        // The output directory JUnit gives engines (Surefire passes -D properties on to the tests' JVM): the platform
        // hands it over as an OutputDirectoryProvider on 5.12, as an OutputDirectoryCreator on 6.x.
        ForkedMaven.BuildResult build = ForkedMaven.run(project, Map.of(), "-Dpromptspec.mode=replay",
                "-Djunit.platform.reporting.output.dir=target/junit-output", "test");
        String log = "its log:\n" + build.log();

        assertThat(build.exitCode()).as(log).isZero();
        assertThat(build.report(UserProject.JUPITER_CLASS).tests()).as(log).isEqualTo(2);
        SurefireReport suite = build.report(SUITE_CLASS);
        assertThat(suite.tests()).as(log).isEqualTo(RECORDED_TESTS);
        assertThat(suite.cases()).as(log).allSatisfy(c -> assertThat(c.outcome()).as(c.name()).isEqualTo("passed"));
        assertThat(suite.cases()).extracting(SurefireReport.TestCase::name).contains("Duplicate renewal charge");
        assertThat(suite.name()).isEqualTo(SUITE_CLASS);
        assertThat(suite.cases()).extracting(SurefireReport.TestCase::className).containsOnly("PromptSuiteTest");
        assertThat(build.log()).as("the engine prints no usage line of its own").doesNotContain("model calls (");

        Path reports = project.resolve("target/junit-output/promptspec-reports");
        assertThat(reports.resolve("promptspec-report.json")).as("in the platform's output directory").isRegularFile();
        assertThat(Files.readString(reports.resolve("promptspec-summary.md")))
                .contains("**" + RECORDED_TESTS + " of " + RECORDED_TESTS + " cases passed**");
    }
}
