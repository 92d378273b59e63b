package dev.promptspec.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PromptSpec in the builds users already have (Spring Boot 3.5 and 4.0, JUnit 5.12, 5.14 and 6.1, with a BOM or
 * without one), each built by real Maven: the project's own Jupiter test and its {@code @PromptSpec} class both run,
 * recorded prompts replay, a new one is recorded from a model (a fake one, over HTTP), and the JUnit the build resolves
 * is the JUnit it had before PromptSpec. On an older JUnit, PromptSpec fails with one message that says what to do,
 * and the project's own tests still run.
 */
class JUnitCompatibilityIT {

    private static final String KEY = "sk-it-9fK2mQ7xLp4Vt8Rz";

    @BeforeAll
    static void publishThisBuild() throws Exception {
        PromptSpecArtifacts.publish(ForkedMaven.headRepository());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JUnitSetup.class)
    void the_project_s_tests_and_its_prompt_files_run(JUnitSetup setup) throws Exception {
        Path project = UserProject.create(Path.of("target", "user-builds", setup.directory()).toAbsolutePath(),
                setup.pom(ForkedMaven.version()));
        try (FakeOpenAiServer model = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Completion(
                "Hello " + r.lastMessage("user").replaceAll("Say hello to (\\w+)\\.", "$1") + ", thanks for getting in touch!"))) {
            ForkedMaven.BuildResult build = ForkedMaven.run(project, Map.of("OPENAI_API_KEY", KEY),
                    "-Dpromptspec.openai.base-url=" + model.baseUrl(),
                    "dependency:list", "-DoutputFile=target/junit.txt", "-DincludeGroupIds=org.junit.platform,org.junit.jupiter",
                    "test");
            String log = "its log:\n" + build.log();

            SurefireReport own = build.report(UserProject.JUPITER_CLASS);
            assertThat(own.tests()).as("the project's own Jupiter tests ran; " + log).isEqualTo(2);
            assertThat(own.failures() + own.errors()).as(log).isZero();

            Map<String, String> junit = build.dependencyList("target/junit.txt");
            assertThat(junit.get("org.junit.platform:junit-platform-engine"))
                    .as("the platform goes with the Jupiter engine the build asked for, not one PromptSpec dragged in")
                    .isEqualTo(platformOf(junit.get("org.junit.jupiter:junit-jupiter-engine")));
            assertThat(log).doesNotContain("SLF4J");
            assertThat(log).doesNotContain(KEY);

            if (setup.supported()) {
                assertThat(build.exitCode()).as(log).isZero();
                SurefireReport prompts = build.report(UserProject.PROMPTS_CLASS);
                assertThat(prompts.tests()).as(log).isEqualTo(UserProject.PROMPT_TESTS);
                assertThat(prompts.cases()).as(log).allSatisfy(c -> assertThat(c.outcome()).as(c.name()).isEqualTo("passed"));
                assertThat(prompts.cases()).extracting(SurefireReport.TestCase::name)
                        .contains("Duplicate renewal charge", "Ada");
                assertThat(model.requests()).as("only the new prompt called the model").hasSize(1);
                assertThat(project.resolve(UserProject.NEW_RECORDING)).exists();
                assertThat(Files.readString(project.resolve(UserProject.NEW_RECORDING))).contains("Hello Ada").doesNotContain(KEY);
            } else {
                assertThat(build.exitCode()).as("the build fails; " + log).isNotZero();
                assertThat(log).contains("PromptSpec needs JUnit Platform 1.12 or newer (JUnit 5.12+; Spring Boot 3.5+), but the"
                        + " test class path has JUnit Platform 1.11.4 (JUnit 5.11.4). Your other tests still run. Fix: import"
                        + " org.junit:junit-bom 5.12.2 or newer");
                assertThat(model.requests()).isEmpty();
            }
        }
    }

    /** Jupiter 5.x runs on Platform 1.x of the same minor and patch; from 6.0 on, the versions are the same. */
    private static String platformOf(String jupiterVersion) {
        return jupiterVersion.startsWith("5.") ? "1." + jupiterVersion.substring(2) : jupiterVersion;
    }
}
