package dev.promptspec.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, exactly as written there (its prompt file, test class, pom and properties), built by real
 * Maven: record once with a key (from a fake model over HTTP), then replay offline with no key and the model gone.
 */
class QuickStartIT {

    private static final String KEY = "sk-it-Qs7Lm2Vx9Pd4Rt6K";
    private static final String TEST_CLASS = "com.example.support.TriagePromptTest";

    @Test
    void the_readme_quick_start_records_then_replays_offline() throws Exception {
        PromptSpecArtifacts.publish(ForkedMaven.headRepository());
        String readme = Files.readString(ForkedMaven.root().resolve("README.md"));
        String promptFile = firstBlock(readme, "yaml");
        String testClass = firstBlock(readme, "java");
        String pom = firstBlock(readme, "xml");
        String properties = firstBlock(readme, "properties");
        assertThat(promptFile).as("the quick start's prompt file").contains("testData:");
        assertThat(pom).as("the quick start's pom").contains("<artifactId>promptspec-junit</artifactId>");

        Path project = Path.of("target", "user-builds", "quick-start").toAbsolutePath();
        PromptSpecArtifacts.deleteRecursively(project);
        write(project.resolve("pom.xml"), pom.replace("0.1.0-SNAPSHOT", ForkedMaven.version()));
        write(project.resolve("src/test/resources/prompts/triage.prompt.yml"), promptFile);
        write(project.resolve("src/test/java/com/example/support/TriagePromptTest.java"), testClass);

        try (FakeOpenAiServer model = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Completion(
                r.lastMessage("user").contains("VAT") ? "**billing**\n\nThe invoice applies the wrong VAT rate, a billing matter."
                        : "**incident**\n\nEvery user gets HTTP 502 from the dashboard: an outage."))) {
            ForkedMaven.BuildResult record = ForkedMaven.run(project, Map.of("OPENAI_API_KEY", KEY),
                    "-Dpromptspec.mode=record", "-Dpromptspec.openai.base-url=" + model.baseUrl(), "test");
            assertThat(record.exitCode()).as("recording; its log:\n" + record.log()).isZero();
            assertThat(model.requests()).hasSize(2);
        }
        Path recordings = project.resolve("src/test/promptspec/recordings/prompts/triage.recordings.yml");
        assertThat(recordings).as("where the README says the recordings go").exists();
        assertThat(Files.readString(recordings)).doesNotContain(KEY);

        write(project.resolve("src/test/resources/junit-platform.properties"), properties);
        ForkedMaven.BuildResult replay = ForkedMaven.run(project, Map.of(), "test");
        assertThat(replay.exitCode()).as("replaying, no key, no model; its log:\n" + replay.log()).isZero();
        SurefireReport report = replay.report(TEST_CLASS);
        assertThat(report.cases()).extracting(SurefireReport.TestCase::name).containsExactlyInAnyOrder("wrong VAT", "dashboard down");
        assertThat(report.cases()).extracting(SurefireReport.TestCase::outcome).containsOnly("passed");
        assertThat(replay.log()).doesNotContain("SLF4J");
    }

    /** The content of the first {@code ```lang} fenced block. */
    private static String firstBlock(String markdown, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("a ```" + language + " block in the README").isNotEmpty();
        return blocks.get(0);
    }

    private static void write(Path file, String text) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
