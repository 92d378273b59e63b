package dev.promptspec.examples;

import static dev.promptspec.assertj.PromptAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * A hand-written test with the fluent assertions of {@code promptspec-assertj}: the checks the YAML evaluators make,
 * on any model output. Here the output is the CQRS architect's recorded answer; in your tests it is whatever your code
 * got from the model.
 */
class CqrsArchitectAnswerTest {

    private static final Path RECORDINGS = Path.of("src/test/promptspec/recordings/prompts/cqrs-architect.recordings.yml");

    @Test
    void the_recorded_design_follows_the_system_prompt_s_rules() throws IOException {
        assertThat(recordedAnswer())
                .hasBoldSpansAtLeast(5)
                .hasSectionsInOrder("Context", "Write Side", "Event Store", "Read Side", "Risks")
                .hasNoHeadingDeeperThan(3)
                .hasNoRawHtml()
                .doesNotMatch("(?i)as an AI")
                .hasSection("Risks").withBulletsAtLeast(3).withEveryBulletStartingWithBold();
    }

    @Test
    void a_broken_rule_fails_with_what_was_expected_and_found() throws IOException {
        assertThatThrownBy(() -> assertThat(recordedAnswer()).hasSection("Risks").withBulletsAtMost(5))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting section '10. Risks, Failure Modes and Mitigations' to have:");
    }

    @SuppressWarnings("unchecked")
    private static String recordedAnswer() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(RECORDINGS));
        Map<String, Object> first = ((List<Map<String, Object>>) file.get("recordings")).get(0);
        return (String) ((Map<String, Object>) first.get("response")).get("text");
    }
}
