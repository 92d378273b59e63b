package dev.promptspec.assertj;

import static dev.promptspec.assertj.PromptAssertions.assertThat;
import static dev.promptspec.testing.EvaluatorHarness.resource;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Every structural and length assertion both ways, on realistic answers: the one that holds, and the one that
 * fails with the evaluator's words.
 */
class MarkdownAssertionsCoverageTest {

    private static final String DATABASE = resource("responses/database-choice-nested.md");
    private static final String MIGRATION = resource("responses/migration-guide-html.md");
    private static final String POSTMORTEM = resource("responses/postmortem-star-bullets.md");
    private static final String CQRS = resource("responses/cqrs-order-management.md");

    @Test
    void headings_links_numbered_items_and_nesting() {
        assertThat(DATABASE)
                .hasHeading("Recommendation")
                .hasHeadingsAtLeast(4)
                .hasLinksAtLeast(4)
                .hasNumberedItemsAtLeast(3)
                .hasListsNestedAtLeast(3);
        assertThatThrownBy(() -> assertThat(DATABASE).hasHeading("Cost estimate"))
                .hasMessageContaining("no heading in the response matches 'Cost estimate'; headings: 'Choosing a Primary Database");
        assertThatThrownBy(() -> assertThat(DATABASE).hasLinksAtLeast(5))
                .hasMessageContaining("the response has 4 links; expected at least 5");
        assertThatThrownBy(() -> assertThat(POSTMORTEM).hasListsNestedAtLeast(4))
                .hasMessageContaining("the response's lists nest 2 levels deep (deepest item at line 55)");
        assertThatThrownBy(() -> assertThat(POSTMORTEM).hasNumberedItemsAtLeast(40))
                .hasMessageContaining("expected at least 40");
    }

    @Test
    void bullets_at_most_and_code_fences() {
        assertThat(CQRS).hasBulletsAtLeast(10).hasSection("Idempotency").withBulletsAtMost(10);
        assertThatThrownBy(() -> assertThat(CQRS).hasBulletsAtMost(3)).hasMessageContaining("expected at most 3");
        assertThatThrownBy(() -> assertThat(CQRS).hasSection("Idempotency").withBulletsAtMost(1))
                .hasMessageContaining("section '7. Idempotency' has 4 bullets; expected at most 1");

        assertThat(MIGRATION).hasCodeFencesAtLeast(2);
        assertThatThrownBy(() -> assertThat(CQRS).hasCodeFencesAtLeast(1))
                .hasMessageContaining("the response has no code fences; expected at least 1");
    }

    @Test
    void tables_in_a_section_and_raw_html() {
        assertThat(CQRS).hasTable().hasSection("Read Side").withTable();
        assertThatThrownBy(() -> assertThat(CQRS).hasSection("Idempotency").withTable())
                .hasMessageContaining("section '7. Idempotency' has no table; expected a table");
        assertThatThrownBy(() -> assertThat(MIGRATION).hasNoRawHtml()).hasMessageContaining("<details>");
    }

    @Test
    void every_line_and_match_counts() {
        assertThat(CQRS).hasMatchesAtLeast("\\bSaga\\b", 2);
        assertThatThrownBy(() -> assertThat(CQRS).hasMatchesAtLeast("\\bBlockchain\\b", 1))
                .hasMessageContaining("found 0 matches");
        assertThat("- one\n- two\n\n- three").matchesOnEveryLine("^- ");
        assertThatThrownBy(() -> assertThat(POSTMORTEM).matchesOnEveryLine("^\\* "))
                .hasMessageContaining("lines do not match");
    }

    @Test
    void lengths() {
        assertThat(CQRS).hasWordsAtMost(3000).hasLinesAtMost(400).hasCharactersAtMost(20_000);
        assertThatThrownBy(() -> assertThat(CQRS).hasWordsAtMost(100)).hasMessageContaining("expected at most 100");
        assertThatThrownBy(() -> assertThat(CQRS).hasLinesAtMost(10)).hasMessageContaining("expected at most 10");
        assertThatThrownBy(() -> assertThat(CQRS).hasCharactersAtMost(500)).hasMessageContaining("expected at most 500");
    }
}
