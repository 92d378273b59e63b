package dev.promptspec.eval.regex;

import static dev.promptspec.testing.EvaluatorHarness.check;
import static dev.promptspec.testing.EvaluatorHarness.resource;
import static dev.promptspec.testing.EvaluatorHarness.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.eval.Verdict;
import org.junit.jupiter.api.Test;

class RegexEvaluatorTest {

    private static final String CQRS = resource("responses/cqrs-order-management.md");
    private static final String POSTMORTEM = resource("responses/postmortem-star-bullets.md");

    @Test
    void the_seed_form_finds_the_pattern_anywhere() throws Exception {
        String seed = "type: regex\npattern: \"(CQRS|ES|DDD|ACID|BASE|API|RPC|Saga|EventStore|Kafka)\"";
        assertThat(check(seed, CQRS)).isEqualTo(Verdict.pass("found \"CQRS\" at line 1"));
        assertThat(check(seed, "I would keep a single relational database.")).isEqualTo(Verdict.fail(
                "no match for /(CQRS|ES|DDD|ACID|BASE|API|RPC|Saga|EventStore|Kafka)/ in the response"));
        assertThat(check("regex: 'Event(Store|Bridge)DB'", CQRS)).isEqualTo(Verdict.pass("found \"EventStoreDB\" at line 45"));
    }

    @Test
    void flags_and_switches() throws Exception {
        assertThat(check("regex: {pattern: 'kafka', flags: i}", CQRS).passed()).isTrue();
        assertThat(check("regex: {pattern: 'kafka'}", CQRS).passed()).isFalse();
        assertThat(check("regex: {pattern: 'kafka', ignoreCase: true}", CQRS).passed()).isTrue();
        assertThat(check("regex: {pattern: '^## Summary', multiline: true}", POSTMORTEM))
                .isEqualTo(Verdict.pass("found \"## Summary\" at line 7"));
        assertThat(check("regex: {pattern: '^## Summary'}", POSTMORTEM).passed()).isFalse();
        assertThat(check("regex: {pattern: 'Timeline.*Root Cause', dotall: true}", POSTMORTEM).passed()).isTrue();
        assertThat(check("regex: {pattern: 'Timeline.*Root Cause'}", POSTMORTEM).passed()).isFalse();
        assertThat(check("regex: {pattern: '(?<step>\\d+)\\.\\s__\\d\\d:\\d\\d__  # a timeline entry', flags: mx}", POSTMORTEM))
                .isEqualTo(Verdict.pass("found \"1. __13:58__\" at line 15"));
    }

    @Test
    void must_not_match_names_what_it_found_and_where() throws Exception {
        assertThat(check("regex: {pattern: '(?i)as an ai', mustNotMatch: true}", CQRS))
                .isEqualTo(Verdict.pass("no match for /(?i)as an ai/, as required"));
        assertThat(check("regex: {pattern: 'blame\\w*', mustNotMatch: true}", POSTMORTEM))
                .isEqualTo(Verdict.fail("must not match /blame\\w*/ but found \"blameless\" at line 5"));
    }

    @Test
    void match_counts() throws Exception {
        assertThat(check("regex: {pattern: 'Mitigation:', minMatches: 8}", CQRS))
                .isEqualTo(Verdict.pass("found 9 matches of /Mitigation:/, first \"Mitigation:\""));
        assertThat(check("regex: {pattern: 'Mitigation:', minMatches: 10}", CQRS))
                .isEqualTo(Verdict.fail("found 9 matches of /Mitigation:/; expected at least 10"));
        assertThat(check("regex: {pattern: 'Decision:', maxMatches: 3}", CQRS))
                .isEqualTo(Verdict.fail("found 10 matches of /Decision:/; expected at most 3"));
        assertThat(check("regex: {pattern: 'TODO', maxMatches: 0}", CQRS))
                .isEqualTo(Verdict.pass("found 0 matches of /TODO/"));
    }

    @Test
    void per_line_checks_every_non_blank_line() throws Exception {
        String bullets = "- Hot SKUs\n\n- Projection lag\n- Stuck sagas\n";
        assertThat(check("regex: {pattern: '^- ', perLine: true}", bullets))
                .isEqualTo(Verdict.pass("all 3 non-blank lines match /^- /"));
        assertThat(check("regex: {pattern: '^[-*] ', perLine: true}", POSTMORTEM)).isEqualTo(Verdict.fail(
                "34 of 44 lines do not match /^[-*] /: line 1 \"# Postmortem: Checkout Latency and Payment Failures (2024-0…\","
                        + " line 3 \"__Status:__ Resolved · __Severity:__ SEV-2 · __Duration:__ …\","
                        + " line 5 \"This document is blameless. It describes what the systems d…\", …"));
    }

    @Test
    void catastrophic_backtracking_fails_fast_with_a_clear_message() throws Exception {
        // Java 17 memoizes (a+)+ enough to make this quadratic rather than exponential: still about 400 million
        // reads (seconds of CPU per evaluation) on a 20,000-character answer, which the budget cuts short
        String hostile = "a".repeat(20_000) + "!";
        assertThat(check("regex: {pattern: '(a+)+$'}", hostile)).isEqualTo(Verdict.fail(
                "gave up: /(a+)+$/ read more than 20000000 characters of this 20001-character response without finishing"
                        + " (runaway backtracking). Simplify the pattern (avoid nested quantifiers such as (a+)+ or (.*)*), or raise maxSteps"));
        assertThat(check("regex: {pattern: '(a+)+$', maxSteps: 100000}", "a".repeat(1_000) + "!").detail())
                .startsWith("gave up: /(a+)+$/ read more than 100000 characters of this 1001-character response");
        assertThat(check("regex: {pattern: '(a+)+$'}", "a".repeat(1_000) + "!"))
                .isEqualTo(Verdict.fail("no match for /(a+)+$/ in the response"));
    }

    @Test
    void the_step_budget_covers_all_lines_of_one_check_together() throws Exception {
        // each line alone costs about a million reads, under the budget; forty of them do not fit in it
        String line = "a".repeat(1_000) + "!";
        assertThat(check("regex: {pattern: '(a+)+$', perLine: true, maxSteps: 5000000}", (line + "\n").repeat(40)).detail())
                .startsWith("gave up: /(a+)+$/ read more than 5000000 characters");
        assertThat(check("regex: {pattern: '(a+)+$', perLine: true, maxSteps: 5000000}", (line + "\n").repeat(2)).detail())
                .startsWith("2 of 2 lines do not match /(a+)+$/: line 1 \"aaaa");
    }

    @Test
    void deep_recursion_of_the_engine_is_a_failure_with_advice_not_a_crash() throws Exception {
        String longRun = "ab".repeat(200_000);
        assertThat(check("regex: {pattern: '(a|b)*c', maxSteps: 100000000}", longRun)).isEqualTo(Verdict.fail(
                "gave up: /(a|b)*c/ recursed too deeply on this 400000-character response."
                        + " Use a character class instead of a repeated alternation ([ab]* rather than (a|b)*)"));
    }

    @Test
    void malformed_configuration_is_a_load_error_at_its_line() {
        assertThat(single("regex: {pattern: 'Saga(s'}").errors()).isEqualTo(
                "prompts/test.prompt.yml:10:22: error: invalid regex in 'check': Unclosed group at index 6 (Saga(s⟨here⟩)."
                        + " Fix the pattern (Java regex syntax; in YAML, prefer single quotes so backslashes stay as written)");
        assertThat(single("regex: {pattern: 'x', flags: iz}").errors()).isEqualTo(
                "prompts/test.prompt.yml:10:34: error: unknown regex flag 'z'."
                        + " Use i (ignore case), m (multiline), s (dot matches newline), x (comments), u (Unicode classes)");
        assertThat(single("regex:\n  pattern: x\n  minMatches: 5\n  maxMatches: 2").errors())
                .isEqualTo("prompts/test.prompt.yml:12:19: error: minMatches (5) is greater than maxMatches (2). Make minMatches at most maxMatches");
        assertThat(single("regex:\n  pattern: x\n  mustNotMatch: true\n  minMatches: 1").errors()).isEqualTo(
                "prompts/test.prompt.yml:12:7: error: mustNotMatch cannot be combined with minMatches, maxMatches or perLine."
                        + " Use maxMatches: 0 to forbid matches, or separate evaluators");
        assertThat(single("regex: {pattern: x, mustNotMatc: true}").errors()).startsWith(
                "prompts/test.prompt.yml:10:25: error: unknown key 'mustNotMatc' in regex evaluator 'check' — did you mean 'mustNotMatch'?");
        assertThat(single("regex: {flags: i}").errors()).isEqualTo("prompts/test.prompt.yml:10:12: error: regex evaluator 'check'"
                + " has no 'pattern'. Add pattern: \"...\" (a Java regular expression; quote it in YAML)");
    }
}
