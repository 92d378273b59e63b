package dev.promptspec.eval.markdown;

import static dev.promptspec.testing.EvaluatorHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.eval.Verdict;
import dev.promptspec.testing.EvaluatorHarness;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@code markdown} evaluator on realistic, long model answers (test resources under {@code responses/}):
 * a CQRS design (headings, tables, nested bullets), a postmortem written with {@code *} bullets and
 * {@code __bold__}, a code review full of fenced code, a database comparison with Setext headings, deep
 * nesting and links, a migration guide with raw HTML, and a weaker CQRS answer that writes its risks as prose.
 */
class MarkdownEvaluatorTest {

    private static final String CQRS = resource("responses/cqrs-order-management.md");
    private static final String PROSE_RISKS = resource("responses/cqrs-prose-risks.md");
    private static final String POSTMORTEM = resource("responses/postmortem-star-bullets.md");
    private static final String CODE_REVIEW = resource("responses/code-review-fenced.md");
    private static final String DATABASES = resource("responses/database-choice-nested.md");
    private static final String MIGRATION = resource("responses/migration-guide-html.md");

    private static Verdict check(String markdownConfig, String response) throws Exception {
        EvaluatorHarness h = EvaluatorHarness.withEvaluators("evaluators:\n  - name: check\n    markdown: " + markdownConfig + "\n");
        return h.run("check", response);
    }

    /** The seed prompt's two output rules, as written in examples/.../cqrs-architect.prompt.yml. */
    @Nested
    class SeedRules {
        static final String BOLD = "{minBold: 5}";
        static final String RISKS = "{section: Risks, minBullets: 3}";

        @Test
        void the_recorded_cqrs_answer_follows_both() throws Exception {
            assertThat(check(BOLD, CQRS)).isEqualTo(Verdict.pass("the response has 34 bold spans"));
            assertThat(check(RISKS, CQRS)).isEqualTo(
                    Verdict.pass("section '10. Risks, Failure Modes and Mitigations' has 17 bullets"));
        }

        @Test
        void an_answer_with_prose_risks_and_few_bold_decisions_breaks_both() throws Exception {
            assertThat(check(BOLD, PROSE_RISKS)).isEqualTo(Verdict.fail("the response has 3 bold spans; expected at least 5"));
            assertThat(check(RISKS, PROSE_RISKS)).isEqualTo(Verdict.fail("section 'Risks' has no bullets; expected at least 3"));
        }

        @Test
        void star_bullets_and_underscore_bold_count_the_same() throws Exception {
            assertThat(check(BOLD, POSTMORTEM)).isEqualTo(Verdict.pass("the response has 22 bold spans"));
            assertThat(check(RISKS, POSTMORTEM)).isEqualTo(Verdict.pass("section 'Risks If We Do Nothing' has 6 bullets"));
        }

        @Test
        void rewriting_an_answer_with_star_bullets_and_underscore_bold_changes_no_verdict() throws Exception {
            String rewritten = CQRS.replaceAll("(?m)^(\\s*)- ", "$1* ").replace("**", "__");
            assertThat(rewritten).isNotEqualTo(CQRS).contains("* __Hot-SKU contention");
            for (String config : new String[] {BOLD, RISKS, "{section: Risks, bulletsStartBold: true}", "{minListDepth: 2}",
                    "{section: Event Store, bulletsStartBold: true}"}) {
                assertThat(check(config, rewritten)).as(config).isEqualTo(check(config, CQRS));
            }
        }
    }

    @Nested
    class Sections {
        @Test
        void a_section_runs_until_the_next_heading_of_the_same_or_a_higher_level() throws Exception {
            // "## 2. Bounded Contexts" holds three ### subsections, each with one bold aggregate root bullet plus nested items
            assertThat(check("{section: Bounded Contexts, minHeadings: 3, maxHeadings: 3}", CQRS))
                    .isEqualTo(Verdict.pass("section '2. Bounded Contexts and Aggregates (DDD)' has 3 headings"));
            assertThat(check("{section: Ordering context, minBullets: 4, maxBullets: 4}", CQRS))
                    .isEqualTo(Verdict.pass("section 'Ordering context' has 4 bullets"));
        }

        @Test
        void a_missing_section_lists_the_headings_there_are() throws Exception {
            assertThat(check("{section: Risks, minBullets: 3}", DATABASES)).isEqualTo(Verdict.fail(
                    "no section 'Risks': no heading in the response matches; headings: 'Choosing a Primary Database for the Telemetry"
                            + " Platform' (line 1), 'Requirements recap' (line 6), 'Candidates' (line 20), 'Analysis' (line 31),"
                            + " 'Recommendation' (line 58)"));
        }

        @Test
        void a_level_prefix_pins_the_heading_level() throws Exception {
            assertThat(check("{heading: \"## Risks\"}", CQRS)).isEqualTo(
                    Verdict.pass("has heading ## 10. Risks, Failure Modes and Mitigations (line 97)"));
            assertThat(check("{heading: \"### Risks\"}", CQRS).passed()).isFalse();
        }

        @Test
        void a_regex_between_slashes_is_searched_in_the_heading_text_ignoring_case() throws Exception {
            assertThat(check("{heading: '/^\\d+\\. idempotency$/'}", CQRS))
                    .isEqualTo(Verdict.pass("has heading ## 7. Idempotency (line 71)"));
        }

        @Test
        void setext_headings_are_headings() throws Exception {
            assertThat(check("{sections: [Requirements, Candidates, Analysis, Recommendation]}", DATABASES)).isEqualTo(Verdict.pass(
                    "the response has sections 'Requirements' → 'Candidates' → 'Analysis' → 'Recommendation' in order"));
        }

        @Test
        void sections_out_of_order_say_which_came_first() throws Exception {
            assertThat(check("{sections: [Context, Risks, Event Store]}", CQRS)).isEqualTo(Verdict.fail(
                    "sections out of order in the response: '4. Event Store' (line 43) comes before"
                            + " '10. Risks, Failure Modes and Mitigations' (line 97); expected 'Context' → 'Risks' → 'Event Store'"));
        }

        @Test
        void heading_depth_is_bounded() throws Exception {
            assertThat(check("{maxHeadingDepth: 3}", CQRS)).isEqualTo(Verdict.pass("deepest heading is level 3"));
            assertThat(check("{maxHeadingDepth: 2}", CQRS)).isEqualTo(Verdict.fail(
                    "the response has 3 headings deeper than level 2, first ### Ordering context (line 17)"));
        }

        @Test
        void sections_nest() throws Exception {
            assertThat(check("{section: Analysis, minNumbered: 3, maxNumbered: 3}", DATABASES))
                    .isEqualTo(Verdict.pass("section 'Analysis' has 3 numbered items"));
            assertThat(check("{section: Timeline, minNumbered: 9}", POSTMORTEM))
                    .isEqualTo(Verdict.pass("section 'Timeline (UTC)' has 9 numbered items"));
        }
    }

    @Nested
    class Bullets {
        @Test
        void every_top_level_bullet_starting_with_bold_ignores_nested_details() throws Exception {
            assertThat(check("{section: Risks, bulletsStartBold: true}", CQRS)).isEqualTo(Verdict.pass(
                    "all 8 top-level bullets of section '10. Risks, Failure Modes and Mitigations' start with bold text"));
            assertThat(check("{section: Root Cause, bulletsStartBold: true}", POSTMORTEM)).isEqualTo(
                    Verdict.pass("all 4 top-level bullets of section 'Root Cause' start with bold text"));
        }

        @Test
        void bullets_that_do_not_start_with_bold_are_named_with_their_lines() throws Exception {
            assertThat(check("{section: Event Store, bulletsStartBold: true}", CQRS)).isEqualTo(Verdict.fail(
                    "3 of 3 top-level bullets of section '4. Event Store' do not start with bold text:"
                            + " line 47 \"Native per-stream optimistic concurrency, ordered…\","
                            + " line 48 \"Alternative considered: PostgreSQL with an events…\","
                            + " line 49 \"Audit: events are never updated or deleted; perso…\""));
        }

        @Test
        void a_rule_about_bullets_fails_where_there_are_none() throws Exception {
            assertThat(check("{section: Risks, bulletsStartBold: true}", PROSE_RISKS)).isEqualTo(Verdict.fail(
                    "section 'Risks' has no bullets; expected every top-level bullet starting with bold text"));
        }

        @Test
        void list_nesting_depth() throws Exception {
            assertThat(check("{minListDepth: 3}", DATABASES)).isEqualTo(
                    Verdict.pass("the response's lists nest 4 levels deep (deepest item at line 55)"));
            assertThat(check("{maxListDepth: 2}", DATABASES)).isEqualTo(Verdict.fail(
                    "the response's lists nest 4 levels deep (deepest item at line 55); expected lists nested at most 2 levels deep"));
            assertThat(check("{minListDepth: 2}", CODE_REVIEW)).isEqualTo(Verdict.fail(
                    "the response's lists nest 1 level deep (deepest item at line 61); expected lists nested at least 2 levels deep"));
        }

        @Test
        void counts_say_what_they_found_and_what_they_expected() throws Exception {
            assertThat(check("{section: Readability, minBullets: 2, maxBullets: 3}", CODE_REVIEW)).isEqualTo(Verdict.fail(
                    "section '4. Readability and smaller issues' has 4 bullets; expected between 2 and 3"));
            assertThat(check("{maxBold: 0}", CODE_REVIEW)).isEqualTo(Verdict.pass("the response has no bold spans"));
            assertThat(check("{minBullets: 1, maxBullets: 1}", PROSE_RISKS))
                    .isEqualTo(Verdict.fail("the response has no bullets; expected exactly 1"));
        }
    }

    @Nested
    class TablesFencesLinksHtml {
        @Test
        void a_table_with_columns_and_rows() throws Exception {
            assertThat(check("{table: {columns: [read model, STORE], minRows: 4}}", CQRS)).isEqualTo(Verdict.pass(
                    "table at line 80 has columns 'Read model', 'Store', 'Purpose' and 4 rows"));
            assertThat(check("{minTables: 2, maxTables: 2}", CQRS)).isEqualTo(Verdict.pass("the response has 2 tables"));
            assertThat(check("{section: Recommendation, table: true}", DATABASES))
                    .isEqualTo(Verdict.fail("section 'Recommendation' has no table; expected a table"));
        }

        @Test
        void a_missing_table_shape_lists_the_tables_found() throws Exception {
            assertThat(check("{table: {columns: [Finding, Owner]}}", CODE_REVIEW)).isEqualTo(Verdict.fail(
                    "no table in the response has columns 'Finding', 'Owner'; tables found: line 82: 'Finding', 'Severity', 'Effort', 5 rows"));
            assertThat(check("{table: {columns: [Action, Owner], minRows: 6}}", POSTMORTEM)).isEqualTo(Verdict.fail(
                    "no table in the response has columns 'Action', 'Owner' and at least 6 rows;"
                            + " tables found: line 44: '#', 'Action', 'Owner', 'Priority', 'Due', 5 rows"));
        }

        @Test
        void code_fences_by_language_and_count() throws Exception {
            assertThat(check("{codeFence: [java, SQL], minCodeFences: 5}", CODE_REVIEW)).isEqualTo(Verdict.pass(
                    "```java code fence at line 9; ```sql code fence at line 37; the response has 5 code fences"));
            assertThat(check("{section: Missing index, codeFence: java}", CODE_REVIEW)).isEqualTo(Verdict.fail(
                    "section '3. Missing index (high)' has no ```java code fence; fences found: ```sql (line 52)"));
            assertThat(check("{codeFence: python}", PROSE_RISKS))
                    .isEqualTo(Verdict.fail("the response has no code fence; expected a ```python code fence"));
        }

        @Test
        void links() throws Exception {
            assertThat(check("{minLinks: 4}", DATABASES)).isEqualTo(Verdict.pass("the response has 4 links"));
            assertThat(check("{maxLinks: 0}", DATABASES)).isEqualTo(Verdict.fail("the response has 4 links; expected at most 0"));
        }

        @Test
        void raw_html_is_found_in_the_syntax_tree_not_in_code() throws Exception {
            assertThat(check("{noHtml: true}", MIGRATION)).isEqualTo(Verdict.fail(
                    "the response has raw HTML: \"<details>⏎<summary>Checklist to paste i…\" (line 5), \"</details>\" (line 14),"
                            + " \"<String>\" (line 54) and 1 more"));
            // the code review is full of generics and SQL comparisons, all inside code spans and fences
            assertThat(check("{noHtml: true}", CODE_REVIEW)).isEqualTo(Verdict.pass("the response has no raw HTML"));
        }

        @Test
        void several_checks_in_one_evaluator_report_every_failure_in_the_order_written() throws Exception {
            assertThat(check("{minBold: 1, noHtml: true, minTables: 1, maxHeadingDepth: 1}", MIGRATION)).isEqualTo(Verdict.fail(
                    "the response has no bold spans; expected at least 1; the response has raw HTML:"
                            + " \"<details>⏎<summary>Checklist to paste i…\" (line 5), \"</details>\" (line 14), \"<String>\" (line 54)"
                            + " and 1 more; the response has 5 headings deeper than level 1,"
                            + " first ## Step 1: Java 17 on Spring Boot 2.7 (line 16)"));
        }
    }

    @Nested
    class MalformedConfiguration {
        private String errors(String config) {
            return EvaluatorHarness.withEvaluators("evaluators:\n  - name: check\n    markdown: " + config + "\n").errors();
        }

        @Test
        void each_is_a_load_error_at_its_line_and_column() {
            assertThat(errors("{minBullet: 3}")).isEqualTo("prompts/test.prompt.yml:10:16: error: unknown key 'minBullet' in"
                    + " markdown evaluator 'check' — did you mean 'minBullets'? Known keys: " + String.join(", ", MarkdownEvaluatorFactory.KEYS));
            assertThat(errors("{minBullets: 5, maxBullets: 2}")).isEqualTo(
                    "prompts/test.prompt.yml:10:28: error: minBullets (5) is greater than maxBullets (2). Make minBullets at most maxBullets");
            assertThat(errors("{minBold: lots}")).isEqualTo(
                    "prompts/test.prompt.yml:10:25: error: 'minBold' in markdown evaluator 'check' must be a whole number, not a string."
                            + " Write a whole number, without quotes");
            assertThat(errors("{heading: '/Risks (/'}")).isEqualTo("prompts/test.prompt.yml:10:25: error: invalid heading pattern"
                    + " '/Risks (/' in 'heading': Unclosed group near index 7."
                    + " Write the heading text (matched ignoring case), /a regex/, or prefix ## to require a level");
            assertThat(errors("{section: '##'}")).startsWith("prompts/test.prompt.yml:10:25: error: invalid heading pattern '##'"
                    + " in 'section': the heading pattern is empty.");
            assertThat(errors("{table: [Name, Store]}")).isEqualTo("prompts/test.prompt.yml:10:23: error: 'table' in markdown"
                    + " evaluator 'check' must be true or a mapping with columns and/or minRows, not a list."
                    + " Write table: {columns: [Name, Store], minRows: 3}");
            assertThat(errors("{table: {columns: [A], rows: 3}}")).startsWith("prompts/test.prompt.yml:10:38: error: unknown key"
                    + " 'rows' in 'table' of markdown evaluator 'check'");
            assertThat(errors("{noHtml: false}")).isEqualTo("prompts/test.prompt.yml:10:15: error: markdown evaluator 'check' has"
                    + " nothing to check. Add a check such as minBold: 5, or section: Risks with minBullets: 3 (keys: "
                    + String.join(", ", MarkdownEvaluatorFactory.KEYS) + ")");
            assertThat(errors("{maxHeadingDepth: 0}")).isEqualTo("prompts/test.prompt.yml:10:33: error: 'maxHeadingDepth' in"
                    + " markdown evaluator 'check' must be at least 1, not 0. Use a whole number of at least 1");
        }

        @Test
        void one_broken_evaluator_does_not_hide_the_others() {
            EvaluatorHarness h = EvaluatorHarness.withEvaluators("""
                    evaluators:
                      - {name: a, markdown: {minBullet: 3}}
                      - {name: b, markdown: {minBold: 5}}
                      - {name: c, markdown: {sections: ['/(/']}}
                    """);
            assertThat(h.prompt().errors()).extracting(p -> p.position().line()).containsExactly(9, 11);
        }
    }
}
