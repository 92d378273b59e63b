package dev.promptspec.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Users get what we test: a project that adds {@code promptspec-junit} resolves exactly the libraries, at exactly the
 * versions, that PromptSpec's own build resolves for it. Our parent's dependencyManagement shapes our build only (a
 * user's build never applies it to transitive dependencies), so a version it pins that a user would not get shows up
 * here as a difference.
 */
class DependencyAlignmentIT {

    @Test
    void a_user_s_build_resolves_the_versions_this_build_tests() throws Exception {
        PromptSpecArtifacts.publish(ForkedMaven.headRepository());
        Path project = UserProject.create(Path.of("target", "user-builds", "alignment").toAbsolutePath(),
                JUnitSetup.JUNIT_BOM_6_1.pom(ForkedMaven.version()));

        ForkedMaven.BuildResult build = ForkedMaven.run(project, Map.of(), "dependency:list", "-DoutputFile=target/test.txt",
                "-DincludeScope=test");
        assertThat(build.exitCode()).as(build.log()).isZero();

        Map<String, String> ours = DependencyList.read(ForkedMaven.root().resolve("junit-extension/target/runtime-dependencies.txt"));
        Map<String, String> users = withoutTheUsersOwn(build.dependencyList("target/test.txt"));
        assertThat(ours).as("junit-extension's runtime dependencies, as its build resolves them").containsKey("com.fasterxml.jackson.core:jackson-databind");
        assertThat(users).isEqualTo(withoutTheUsersOwn(ours));
    }

    /** The user's JUnit (their own choice, provided to PromptSpec) and PromptSpec's own artifacts are not compared. */
    private static Map<String, String> withoutTheUsersOwn(Map<String, String> versions) {
        Map<String, String> rest = new TreeMap<>(versions);
        rest.keySet().removeIf(k -> k.startsWith("org.junit.") || k.startsWith("org.opentest4j:") || k.startsWith("org.apiguardian:")
                || k.startsWith("dev.promptspec:"));
        return rest;
    }
}
