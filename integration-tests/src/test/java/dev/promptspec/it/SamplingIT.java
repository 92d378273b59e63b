package dev.promptspec.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A sampled case in a user's build, through real Maven and Surefire: the samples are test cases of the class's report,
 * a sample that did not pass is skipped (not a failure), and the build follows the case's verdict.
 */
class SamplingIT {

    private static final String TEST_CLASS = "com.example.support.TriagePromptTest";
    private static final String RIGHT = "**billing**\n\n- Reason: the March invoice applies 20% VAT where the contract sets 7%.";
    private static final String WRONG = "**other**\n\n- Reason: the customer mentions an invoice; their account manager may know.";

    @Test
    void a_flaky_sampled_case_passes_the_build_on_its_verdict_with_each_sample_in_the_report() throws Exception {
        PromptSpecArtifacts.publish(ForkedMaven.headRepository());
        String readme = Files.readString(ForkedMaven.root().resolve("README.md"));
        Matcher pom = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(pom.find()).as("the README's pom").isTrue();

        Path project = Path.of("target", "user-builds", "sampling").toAbsolutePath();
        PromptSpecArtifacts.deleteRecursively(project);
        write(project.resolve("pom.xml"), pom.group(1).replace("0.1.0-SNAPSHOT", ForkedMaven.version()));
        write(project.resolve("src/test/java/com/example/support/TriagePromptTest.java"), """
                package com.example.support;

                import dev.promptspec.junit.PromptSpec;

                @PromptSpec(value = "prompts/triage.prompt.yml", samples = 5, passRate = 0.6)
                class TriagePromptTest {
                }
                """);
        write(project.resolve("src/test/resources/prompts/triage.prompt.yml"), """
                name: Ticket triage
                model: gpt-4o-mini
                modelParameters: {temperature: 0.7}
                messages:
                  - role: system
                    content: Start with the category in bold (**billing**, **incident** or **other**), then the reason.
                  - role: user
                    content: "Ticket: {{ticket}}"
                testData:
                  - name: wrong VAT
                    ticket: My March invoice charges 20% VAT, but our contract says 7%.
                evaluators:
                  - name: right queue
                    string: {startsWith: "**billing**"}
                """);

        AtomicInteger calls = new AtomicInteger();
        try (FakeOpenAiServer model = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Completion(
                calls.incrementAndGet() == 2 ? WRONG : RIGHT))) {
            ForkedMaven.BuildResult build = ForkedMaven.run(project, Map.of("OPENAI_API_KEY", "sk-it-Sm4Pl9Kq2Wx7"),
                    "-Dpromptspec.mode=live", "-Dpromptspec.sampling.policy=observed",
                    "-Dpromptspec.openai.base-url=" + model.baseUrl(), "test");
            assertThat(build.exitCode()).as("4 of 5 samples pass, passRate 0.6: the build passes; its log:\n" + build.log()).isZero();
            assertThat(model.requests()).hasSize(5);

            SurefireReport report = build.report(TEST_CLASS);
            assertThat(report.cases()).as("the case and its 5 samples").hasSize(6);
            assertThat(report.failures() + report.errors()).isZero();
            assertThat(report.skipped()).isEqualTo(1);
            assertThat(report.cases()).filteredOn(c -> c.name().equals("wrong VAT")).singleElement()
                    .satisfies(c -> assertThat(c.outcome()).isEqualTo("passed"));
            assertThat(report.cases()).filteredOn(c -> c.outcome().startsWith("skipped")).singleElement()
                    .satisfies(c -> assertThat(c.outcome()).isEqualTo("skipped org.opentest4j.TestAbortedException"))
                    .satisfies(c -> assertThat(c.name()).matches("wrong VAT \\[sample [1-5]]"));
            assertThat(report.cases()).extracting(SurefireReport.TestCase::className).containsOnly(TEST_CLASS);
        }
    }

    private static void write(Path file, String text) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
