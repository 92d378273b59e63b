package dev.promptspec.examples;

import static dev.promptspec.assertj.PromptAssertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.promptspec.examples.app.ArchitectService;
import dev.promptspec.jupiter.PromptCase;
import dev.promptspec.jupiter.PromptCases;
import dev.promptspec.jupiter.PromptSpecExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The application's own code path ({@link ArchitectService} builds the prompt in Java) tested in plain Jupiter tests:
 * with the prompt file's test data and every check of the file, and with a hand-written assertion. The model is
 * PromptSpec's, behind the recordings of {@code src/test/promptspec/recordings/jupiter/}: it runs offline.
 */
@ExtendWith(PromptSpecExtension.class)
class ArchitectServiceTest {

    @ParameterizedTest
    @PromptCases("prompts/cqrs-architect.prompt.yml")
    void designs_follow_the_prompt_file_s_rules(PromptCase c, ChatModel model) {
        String answer = new ArchitectService(model).design(c.variable("system_requirements"));
        c.check(answer); // the file's evaluators and its `expected`, with the engine's verdicts and message
    }

    @Test
    void a_ticketing_design_puts_its_risks_in_bullets(ChatModel model) {
        String answer = new ArchitectService(model).design("""
                A ticketing platform for a 60,000-seat stadium. Sales for a final open at 10:00 and sell out within \
                minutes: up to 4,000 seat holds per second. A seat must never be sold twice, holds expire after 8 \
                minutes, and fans watch a live seat map.""");

        assertThat(answer).hasBoldSpansAtLeast(5).hasSection("Risks").withBulletsAtLeast(3).withEveryBulletStartingWithBold();
    }
}
