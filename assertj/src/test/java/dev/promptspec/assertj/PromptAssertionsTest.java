package dev.promptspec.assertj;

import static dev.promptspec.assertj.PromptAssertions.assertThat;
import static dev.promptspec.testing.EvaluatorHarness.resource;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.eval.Verdict;
import dev.promptspec.testing.EvaluatorHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fluent assertions on the same realistic answers as the evaluator tests (core's test resources). */
class PromptAssertionsTest {

    private static final String CQRS = resource("responses/cqrs-order-management.md");
    private static final String PROSE_RISKS = resource("responses/cqrs-prose-risks.md");
    private static final String POSTMORTEM = resource("responses/postmortem-star-bullets.md");
    private static final String CODE_REVIEW = resource("responses/code-review-fenced.md");
    private static final String TICKET = resource("responses/ticket-triage.json");

    @Test
    void a_well_structured_answer_passes_fluently() {
        assertThat(CQRS)
                .hasBoldSpansAtLeast(5)
                .hasSectionsInOrder("Context", "Aggregates", "Event Store", "Risks")
                .hasNoHeadingDeeperThan(3)
                .hasTableWithColumns("Read model", "Store")
                .hasNoRawHtml()
                .matches("Saga")
                .doesNotMatch("(?i)as an AI")
                .hasWordsBetween(800, 2000)
                .hasSection("Risks").withBulletsAtLeast(3).withEveryBulletStartingWithBold();
        assertThat(POSTMORTEM).hasSection("Risks").withBulletsAtLeast(3).withBoldSpansAtLeast(3);
        assertThat(CODE_REVIEW).hasCodeFence("java").hasSection("Missing index").withCodeFence("sql");
    }

    @Test
    void a_missing_rule_fails_with_expected_and_found() {
        assertThatThrownBy(() -> assertThat(PROSE_RISKS).hasSection("Risks").withBulletsAtLeast(3))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("""

                        Expecting section 'Risks' to have:
                          at least 3 bullets
                        but:
                          section 'Risks' has no bullets; expected at least 3
                        Response (3089 chars, first lines):
                          | # Architecture Proposal: CQRS and Event Sourcing for Ticket Booking
                          |\s
                          | ## Overview
                        """);
        assertThatThrownBy(() -> assertThat(PROSE_RISKS).hasBoldSpansAtLeast(5)).hasMessageContaining("""
                Expecting the response to have:
                  at least 5 bold spans
                but:
                  the response has 3 bold spans; expected at least 5
                """);
        assertThatThrownBy(() -> assertThat(CODE_REVIEW).hasSection("Risks")).hasMessageContaining("""
                Expecting the response to have:
                  a section 'Risks'
                but:
                  no section 'Risks': no heading in the response matches; headings: 'Code Review: OrderRepository.findRecentOrders'""");
    }

    /** One implementation behind both: the assertion's "but:" is the evaluator's verdict, word for word. */
    @Test
    void the_assertion_says_what_the_yaml_evaluator_says() throws Exception {
        Verdict evaluator = EvaluatorHarness.check("markdown: {section: Event Store, bulletsStartBold: true}", CQRS);
        assertThatThrownBy(() -> assertThat(CQRS).hasSection("Event Store").withEveryBulletStartingWithBold())
                .hasMessageContaining("but:\n  " + evaluator.detail() + "\n");
        Verdict regex = EvaluatorHarness.check("regex: {pattern: 'blame\\w*', mustNotMatch: true}", POSTMORTEM);
        assertThatThrownBy(() -> assertThat(POSTMORTEM).doesNotMatch("blame\\w*"))
                .hasMessageContaining("but:\n  " + regex.detail() + "\n");
    }

    @Test
    void json_assertions(@TempDir Path dir) throws Exception {
        assertThat(TICKET).isValidJson()
                .isValidJsonAgainst("""
                        type: object
                        required: [category, priority]
                        properties:
                          priority: {enum: [low, normal, high, urgent]}
                        """)
                .hasJsonValue("/refundAmount", 348)
                .hasJsonValue("/escalation", Map.of("required", true, "team", "payments",
                        "reason", "Duplicate charge on a renewal; first response SLA (24 h) already missed."))
                .hasJsonValue("/tags", List.of("duplicate-charge", "renewal", "refund-request", "sla-breach"))
                .hasJsonPointer("/affectedInvoices/1");
        Path schema = dir.resolve("triage.schema.json");
        Files.writeString(schema, "{\"type\": \"object\", \"required\": [\"category\", \"resolution\"]}");
        assertThatThrownBy(() -> assertThat(TICKET).isValidJsonAgainst(schema)).hasMessageContaining("""
                Expecting the response to have:
                  JSON valid against the schema
                but:
                  the JSON does not match schema file triage.schema.json: (root): required property 'resolution' not found""");
        assertThatThrownBy(() -> assertThat("Sure! Here it is: {}").isValidJson())
                .hasMessageContaining("the response is not valid JSON: Unrecognized token 'Sure'");
        assertThat("```json\n" + TICKET + "```").isValidJsonInCodeFence();
    }

    @Test
    void text_assertions_hand_over_to_assertj() {
        assertThat(CQRS).asText().startsWith("# CQRS/ES").contains("EventStoreDB");
        assertThatThrownBy(() -> assertThat((String) null).hasBoldSpansAtLeast(1))
                .hasMessageContaining("Expecting actual not to be null");
        Assertions.assertThatCode(() -> assertThat(CQRS).hasLinesAtMost(200).hasCharactersAtMost(20_000)).doesNotThrowAnyException();
    }
}
