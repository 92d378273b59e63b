package dev.promptspec.eval.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FinalAnswerTest {

    private static final FinalAnswer RATING = new FinalAnswer(BuiltInJudges.SCALE, List.of("coherence"));
    private static final FinalAnswer YES_NO = new FinalAnswer(List.of(new Choice("yes", 1), new Choice("no", 0)), List.of());

    private static String rating(String reply) {
        return RATING.read(reply).map(m -> m.choice().choice()).orElse(null);
    }

    private static String yesNo(String reply) {
        return YES_NO.read(reply).map(m -> m.choice().choice()).orElse(null);
    }

    @Nested
    class Ratings {

        @Test
        void digits_in_the_reasoning_do_not_count_only_the_final_score_line_does() {
            String reply = """
                    Let's think step by step: (1) The query asks how to absorb 10k orders/sec during flash sales. \
                    (2) The response first partitions the event store by order id, then describes 3 projections, \
                    then covers Sagas for payment; each step follows from the previous one.
                    Explanation: The ideas are logically ordered with clear transitions, although the jump to step 2 is a little abrupt.
                    Score: 4""";
            Optional<FinalAnswer.Match> m = RATING.read(reply);
            assertThat(m).isPresent();
            assertThat(m.get().choice()).isEqualTo(new Choice("4", 0.75));
            assertThat(m.get().line()).isEqualTo("Score: 4");
            assertThat(m.get().reasoning()).startsWith("Let's think step by step").endsWith("a little abrupt.");
        }

        @Test
        void common_spellings_of_the_score_line() {
            assertThat(rating("The answer is clear and well structured.\n**Score:** 5")).isEqualTo("5");
            assertThat(rating("Mostly coherent.\n\nScore: 3/5")).isEqualTo("3");
            assertThat(rating("Reasoning here.\nFinal score = 4 out of 5.")).isEqualTo("4");
            assertThat(rating("Reasoning here.\nRating: 4 (mostly coherent)")).isEqualTo("4");
            assertThat(rating("Reasoning here.\nScore (1-5): 2")).isEqualTo("2");
            assertThat(rating("Reasoning here.\n## Score: 4")).isEqualTo("4");
            assertThat(rating("Reasoning here.\n- **Score**: `5`")).isEqualTo("5");
            assertThat(rating("The answer lists 2 causes but no order.\n[Coherence: 2]")).isEqualTo("2");
            assertThat(rating("Coherent, with 3 well linked sections.\n4")).isEqualTo("4");
            assertThat(rating("Coherent, with 3 well linked sections.\n4 stars")).isEqualTo("4");
            assertThat(rating("Score: 5\n\n")).isEqualTo("5");
        }

        @Test
        void a_sentence_after_the_score_line_is_tolerated() {
            String reply = """
                    The answer covers all 5 failure modes in a sensible order.
                    Score: 5

                    Let me know if you need a more detailed breakdown of the 5 sections.""";
            assertThat(rating(reply)).isEqualTo("5");
        }

        @Test
        void json_replies_are_read_by_field() {
            assertThat(rating("{\"reasoning\": \"Covers 1 of 3 points.\", \"score\": 2}")).isEqualTo("2");
            Optional<FinalAnswer.Match> fenced = RATING.read("```json\n{\"score\": \"4\", \"explanation\": \"Step 1 is missing.\"}\n```");
            assertThat(fenced).isPresent();
            assertThat(fenced.get().choice().choice()).isEqualTo("4");
            assertThat(fenced.get().reasoning()).isEqualTo("Step 1 is missing.");
        }

        @Test
        void replies_without_a_final_score_line_are_unreadable() {
            assertThat(rating("The response is well organised and addresses all 3 parts of the question.")).isNull();
            assertThat(rating("I would rate this between 3 and 4.")).isNull();
            assertThat(rating("Score: 3.5")).isNull();
            assertThat(rating("Score: 7")).isNull();
            assertThat(rating("")).isNull();
            assertThat(rating("---\n```\n")).isNull();
        }

        @Test
        void a_quoted_rubric_line_above_the_end_is_not_taken_for_the_verdict() {
            String reply = """
                    Score: 1 would apply if the answer were fragments, which it is not.
                    The answer is fine overall.""";
            assertThat(rating(reply)).isNull();
        }

        @Test
        void the_last_of_several_score_lines_wins() {
            String reply = """
                    First impression - Score: 2
                    On a second reading the transitions between the 4 sections are clear.
                    Score: 4""";
            assertThat(rating(reply)).isEqualTo("4");
        }
    }

    @Nested
    class Choices {

        @Test
        void answer_line_after_reasoning_with_digits() {
            String reply = """
                    The reply reports order #1 of 2, the UPS tracking number 1Z999AA10123456784 and a delivery date.
                    It does not offer a refund, a credit or a return label.
                    Answer: no""";
            assertThat(yesNo(reply)).isEqualTo("no");
        }

        @Test
        void case_punctuation_and_emphasis_are_ignored() {
            assertThat(yesNo("Yes.")).isEqualTo("yes");
            assertThat(yesNo("Reasoning.\n**Answer:** YES")).isEqualTo("yes");
            assertThat(yesNo("Reasoning.\nFinal answer: \"no\"")).isEqualTo("no");
            assertThat(yesNo("Reasoning.\nAnswer: no - the reply never mentions money.")).isEqualTo("no");
            assertThat(yesNo("Reasoning.\nThe answer is yes")).isEqualTo("yes");
        }

        @Test
        void a_worded_choice_followed_by_its_reason() {
            assertThat(yesNo("I checked both paragraphs.\nNo, the reply never mentions money.")).isEqualTo("no");
            assertThat(yesNo("Yes - it grants a $12.00 refund.")).isEqualTo("yes");
            assertThat(rating("The answer is coherent.\n1. It opens with the status; 2. it ends with tracking.")).as("a list item, not a rating")
                    .isNull();
        }

        @Test
        void a_word_that_merely_starts_with_a_choice_is_not_that_choice() {
            assertThat(yesNo("Answer: not sure")).isNull();
            assertThat(yesNo("Answer: nowhere in the reply")).isNull();
            assertThat(yesNo("Yesterday the order shipped.")).isNull();
        }

        @Test
        void the_longest_matching_choice_wins() {
            FinalAnswer tenPoint = new FinalAnswer(List.of(new Choice("1", 0), new Choice("10", 1)), List.of());
            assertThat(tenPoint.read("Answer: 10").map(m -> m.choice().choice())).contains("10");
            assertThat(tenPoint.read("Answer: 1").map(m -> m.choice().choice())).contains("1");
        }

        @Test
        void multi_word_choices() {
            FinalAnswer tone = new FinalAnswer(List.of(new Choice("too formal", 0), new Choice("just right", 1),
                    new Choice("too casual", 0)), List.of());
            assertThat(tone.read("The greeting is warm but professional.\nAnswer: Just right.").map(m -> m.choice().choice()))
                    .contains("just right");
        }
    }
}
