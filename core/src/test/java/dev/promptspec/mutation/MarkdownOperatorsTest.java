package dev.promptspec.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The structure and content operators on a realistic Markdown answer: what each changes, and that nothing else moves. */
class MarkdownOperatorsTest {

    /** A full answer in the style of gpt-4o to a system-design prompt: headings, bold decisions, lists, a table, code. */
    static final String ANSWER = """
            # Rate Limiter Design for the Public Orders API

            ## 1. Requirements

            The API serves **2,000 requests/sec** at peak and must enforce per-customer quotas.

            | Tier | Limit | Burst |
            |---|---|---|
            | Free | 60/min | 10 |
            | Pro | 600/min | 100 |

            ## 2. Decisions

            - **Decision: Token bucket per API key**, stored in Redis.
            - **Decision: Enforce at the gateway**, before any service is called.
              - Nested detail: the gateway is Envoy.

            ## 3. Request Flow

            1. The gateway reads the API key.
            2. It runs the Lua script atomically.
            3. It answers 429 with `Retry-After` when the bucket is empty.

            ```lua
            local tokens = redis.call('GET', KEYS[1])
            ```

            ## 4. Risks

            - Redis unavailable: fail open for Pro, closed for Free.
            - Clock skew between gateway nodes must not double the limit.

            Overall, a token bucket is recommended for this API.""";

    private static Subject markdown(String text) {
        return new Subject(text, null, null, null, List.of(), List.of());
    }

    private static List<String> mutants(String operator, Subject subject) {
        return Operators.ALL.stream().filter(o -> o.name().equals(operator)).findFirst().orElseThrow().mutate(subject);
    }

    @Test
    void drop_section_drops_each_numbered_section_with_its_body_and_keeps_the_title() {
        List<String> mutants = mutants("drop-section", markdown(ANSWER));

        assertThat(mutants).as("one per level-2 section; the lone title's section would be the whole answer").hasSize(4);
        assertThat(mutants.get(3)).doesNotContain("## 4. Risks", "Redis unavailable", "Clock skew", "Overall, a token bucket")
                .endsWith("local tokens = redis.call('GET', KEYS[1])\n```");
        assertThat(mutants.get(1)).startsWith("# Rate Limiter Design").doesNotContain("## 2. Decisions", "Token bucket per API key",
                "Nested detail").contains("| Pro | 600/min | 100 |\n\n## 3. Request Flow");
    }

    @Test
    void flatten_headings_keeps_each_heading_s_text_as_a_plain_line() {
        String mutant = mutants("flatten-headings", markdown(ANSWER)).get(0);

        assertThat(mutant).startsWith("Rate Limiter Design for the Public Orders API\n\n1. Requirements\n\nThe API serves")
                .contains("\n4. Risks\n").doesNotContain("# ");
    }

    @Test
    void strip_bold_removes_only_the_markers() {
        String mutant = mutants("strip-bold", markdown(ANSWER)).get(0);

        assertThat(mutant).doesNotContain("**").contains("The API serves 2,000 requests/sec at peak")
                .contains("- Decision: Token bucket per API key, stored in Redis.");
        assertThat(mutant.length()).isEqualTo(ANSWER.length() - 3 * 4);
    }

    @Test
    void bullets_to_paragraph_joins_each_outer_list_with_its_nested_items_into_one_paragraph() {
        String mutant = mutants("bullets-to-paragraph", markdown(ANSWER)).get(0);

        assertThat(mutant).contains("\n\n**Decision: Token bucket per API key**, stored in Redis. **Decision: Enforce at the gateway**,"
                + " before any service is called. Nested detail: the gateway is Envoy.\n\n## 3. Request Flow")
                .contains("## 4. Risks\n\nRedis unavailable: fail open for Pro, closed for Free. Clock skew between gateway nodes"
                        + " must not double the limit.\n\nOverall")
                .as("numbered lists are another operator's").contains("1. The gateway reads the API key.");
    }

    @Test
    void numbered_to_bullets_changes_only_the_markers() {
        String mutant = mutants("numbered-to-bullets", markdown(ANSWER)).get(0);

        assertThat(mutant).contains("- The gateway reads the API key.\n- It runs the Lua script atomically.\n- It answers 429")
                .doesNotContain("1. The gateway").contains("## 1. Requirements");
    }

    @Test
    void drop_table_removes_the_whole_table() {
        List<String> mutants = mutants("drop-table", markdown(ANSWER));

        assertThat(mutants).hasSize(1);
        assertThat(mutants.get(0)).doesNotContain("| Tier", "|---|", "| Free").contains("per-customer quotas.\n\n\n\n## 2. Decisions");
    }

    @Test
    void unwrap_code_fence_keeps_the_code_as_plain_lines() {
        String mutant = mutants("unwrap-code-fence", markdown(ANSWER)).get(0);

        assertThat(mutant).doesNotContain("```").contains("bucket is empty.\n\nlocal tokens = redis.call('GET', KEYS[1])\n\n## 4. Risks");
    }

    @Test
    void an_answer_without_the_structure_gets_no_mutant_from_its_operators() {
        Subject plain = markdown("Your order 48213 shipped with UPS on 18 November 2025 and should arrive on 21 November 2025.");

        for (String operator : List.of("drop-section", "flatten-headings", "strip-bold", "bullets-to-paragraph", "numbered-to-bullets",
                "drop-table", "unwrap-code-fence")) {
            assertThat(mutants(operator, plain)).as(operator).isEmpty();
        }
    }

    @Test
    void drop_mentioned_sentences_drops_every_sentence_list_item_and_table_row_holding_the_term() {
        Map<String, String> variables = new LinkedHashMap<>(); // in file order, as a test case holds them
        variables.put("tier", "Pro");
        variables.put("requirements", "An orders API for 40,000 customers, with per-customer quotas and bursts at month end.");
        List<String> terms = Subject.termsOf(ANSWER, "token bucket", variables);
        assertThat(terms).as("expected first, short values whole, long values' long words the answer repeats")
                .containsExactly("token bucket", "Pro", "orders", "per-customer", "quotas");

        Subject subject = new Subject(ANSWER, null, null, "token bucket", List.of(), terms);
        List<String> mutants = mutants("drop-mentioned-sentences", subject);

        assertThat(mutants).hasSize(5);
        assertThat(mutants.get(0)).doesNotContainIgnoringCase("token bucket").doesNotContain("Overall")
                .contains("- **Decision: Enforce at the gateway**");
        assertThat(mutants.get(1)).as("'Pro' as a whole word: the table row and the risk sentence go")
                .doesNotContain("| Pro |", "fail open for Pro").contains("| Free | 60/min | 10 |");
    }

    @Test
    void negate_turns_every_rule_word_into_its_opposite_keeping_capitals() {
        Subject subject = markdown("""
                You must not store card numbers. Tokens should be rotated; rotation is recommended monthly.
                Never log secrets. Always use TLS. You can't skip review, and the service cannot retry.""");

        assertThat(mutants("negate", subject)).containsExactly("""
                You must store card numbers. Tokens should not be rotated; rotation is not recommended monthly.
                Always log secrets. Never use TLS. You can skip review, and the service can retry.""");
    }

    @Test
    void replace_answer_puts_another_case_s_expected_value_in_the_final_line() {
        Subject subject = new Subject("""
                The customer was charged twice for the same renewal and asks for the second charge back.

                Category: Billing""", null, null, "billing", List.of("bug", "feature-request"), List.of());

        assertThat(mutants("replace-answer", subject)).containsExactly(
                "The customer was charged twice for the same renewal and asks for the second charge back.\n\nCategory: bug",
                "The customer was charged twice for the same renewal and asks for the second charge back.\n\nCategory: feature-request");
        assertThat(mutants("replace-answer", new Subject("Category: billing\n\nThanks for writing in.", null, null, "billing",
                List.of("bug"), List.of()))).as("the final line does not hold the answer").isEmpty();
    }

    @Test
    void the_size_operators_cut_repeat_empty_and_refuse() {
        Subject subject = markdown(ANSWER);

        String half = mutants("truncate-half", subject).get(0);
        assertThat(ANSWER).startsWith(half);
        assertThat(half.length()).isLessThanOrEqualTo(ANSWER.length() / 2).isGreaterThan(ANSWER.length() / 2 - 20);
        assertThat(mutants("duplicate", subject)).containsExactly(ANSWER + "\n\n" + ANSWER);
        assertThat(mutants("empty", subject)).containsExactly("");
        assertThat(mutants("apology", subject)).containsExactly("I'm sorry, I can't help with that.");
    }

    @Test
    void every_operator_s_mutants_are_bounded_and_spread_over_the_whole_response() {
        assertThat(Operators.spread(List.of(1, 2, 3), 8)).containsExactly(1, 2, 3);
        assertThat(Operators.spread(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 8)).containsExactly(0, 1, 3, 4, 6, 7, 9, 10);

        StringBuilder long20 = new StringBuilder("# Runbook\n");
        for (int i = 1; i <= 20; i++) {
            long20.append("\n## Step ").append(i).append("\n\nDo step ").append(i).append(".\n");
        }
        List<Mutant> mutants = Operators.mutants(markdown(long20.toString().strip()));
        assertThat(mutants.stream().filter(m -> m.operator().equals("drop-section"))).hasSize(Operators.MAX_PER_OPERATOR)
                .first().satisfies(m -> assertThat(m.text()).doesNotContain("Do step 1.").contains("Do step 2."));
    }

    @Test
    void one_line_diff_names_the_line_and_the_whole_words_removed_and_added() {
        assertThat(OneLineDiff.of("{\"category\":\"billing\"}", "{\"category\":\"bug\"}")).isEqualTo("line 1: -\"billing\" +\"bug\"");
        assertThat(OneLineDiff.of("Intro.\n\n## Risks\n\n- Outage.\n\n## Summary", "Intro.\n\n## Summary"))
                .isEqualTo("line 3: -\"## Risks⏎⏎- Outage.⏎⏎\"");
        assertThat(OneLineDiff.of(ANSWER, "")).isEqualTo("line 1: -\"# Rate Limiter Design for the Public Ord…("
                + (ANSWER.length() - 60) + " more)…mended for this API.\"");
    }
}
