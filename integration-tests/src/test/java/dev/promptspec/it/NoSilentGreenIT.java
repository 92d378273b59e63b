package dev.promptspec.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Typos fail the build, in a real Maven build: a misspelt {@code testdata:} (which used to run 0 tests, green) and a
 * misspelt {@code expeted:} (which used to drop the check) are errors with "did you mean", each reported once, while
 * the project's other tests still run.
 */
class NoSilentGreenIT {

    @Test
    void misspelt_keys_fail_the_build_with_did_you_mean_once_each() throws Exception {
        PromptSpecArtifacts.publish(ForkedMaven.headRepository());
        Path project = UserProject.create(Path.of("target", "user-builds", "typos").toAbsolutePath(),
                JUnitSetup.JUNIT_BOM_5_14.pom(ForkedMaven.version()));
        Path prompts = project.resolve("src/test/resources/prompts");
        Files.delete(prompts.resolve("greeting.prompt.yml"));
        Files.writeString(prompts.resolve("faq.prompt.yml"), """
                name: FAQ answers
                model: gpt-4o-mini
                messages:
                  - role: user
                    content: "Answer in one sentence: {{question}}"
                testdata:
                  - question: How do I reset my password?
                """, StandardCharsets.UTF_8);
        Files.writeString(prompts.resolve("refunds.prompt.yml"), """
                name: Refund policy
                model: gpt-4o-mini
                messages:
                  - role: user
                    content: "Can I get a refund for {{item}}?"
                testData:
                  - item: an unused annual plan
                    expeted: "yes"
                """, StandardCharsets.UTF_8);

        ForkedMaven.BuildResult build = ForkedMaven.run(project, Map.of(), "-Dpromptspec.mode=replay", "test");

        assertThat(build.exitCode()).as("the build fails; its log:\n" + build.log()).isNotZero();
        assertThat(build.report(UserProject.JUPITER_CLASS).tests()).isEqualTo(2);
        SurefireReport report = build.report(UserProject.PROMPTS_CLASS);
        assertThat(report.cases()).filteredOn(c -> c.outcome().startsWith("error"))
                .extracting(SurefireReport.TestCase::message)
                .anySatisfy(m -> assertThat(m).contains("prompts/faq.prompt.yml:6:1: error: unknown top-level key 'testdata'",
                        "did you mean 'testData'?"))
                .anySatisfy(m -> assertThat(m).contains("prompts/refunds.prompt.yml:8:5: error:", "'expeted'", "did you mean 'expected'?"));
        assertThat(occurrences(build.log(), "unknown top-level key 'testdata'"))
                .as("reported by the failing test (and Surefire's summary), never also as a discovery issue").isLessThanOrEqualTo(2);
        assertThat(build.log()).doesNotContain("issue during test discovery").doesNotContain("issues during test discovery");
        assertThat(report.cases()).as("the recorded files still run").filteredOn(c -> c.outcome().equals("passed")).hasSize(4);
    }

    private static int occurrences(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
