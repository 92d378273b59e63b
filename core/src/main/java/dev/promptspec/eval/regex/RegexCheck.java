package dev.promptspec.eval.regex;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.eval.Texts;
import dev.promptspec.eval.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A regular expression searched in a response (or in each of its lines) within a step budget, so that a
 * pattern that backtracks catastrophically on some model output fails with a clear message instead of
 * hanging the run. Shared by the {@code regex} evaluator and the Java assertions.
 *
 * @param pattern  the compiled pattern; {@link Matcher#find()} semantics: a match anywhere counts
 * @param rule     what must hold about the matches
 * @param maxSteps characters the engine may read in one check, over all lines
 */
@API(status = INTERNAL, since = "0.1")
public record RegexCheck(Pattern pattern, Rule rule, long maxSteps) {

    /** Characters the engine may read per check: plenty for any sane pattern over any answer (about 0.1 s of work). */
    public static final long DEFAULT_MAX_STEPS = 20_000_000L;

    /**
     * @param mustNotMatch pass only when the pattern is not found
     * @param min          at least this many matches, or null
     * @param max          at most this many matches, or null
     * @param perLine      every non-blank line must match
     */
    @API(status = INTERNAL, since = "0.1")
    public record Rule(boolean mustNotMatch, Integer min, Integer max, boolean perLine) {

        public static Rule found() {
            return new Rule(false, null, null, false);
        }

        public static Rule notFound() {
            return new Rule(true, null, null, false);
        }

        public static Rule onEveryLine() {
            return new Rule(false, null, null, true);
        }

        public static Rule count(Integer min, Integer max) {
            return new Rule(false, min, max, false);
        }
    }

    /** A pattern found anywhere, with the default budget. */
    public static RegexCheck of(Pattern pattern, Rule rule) {
        return new RegexCheck(pattern, rule, DEFAULT_MAX_STEPS);
    }

    /** "/CQRS/ found", "/sorry/ not found", "/x/ found at least 3 times", "/^- / on every non-blank line". */
    public String expectation() {
        String p = "/" + pattern.pattern() + "/";
        if (rule.mustNotMatch()) {
            return p + " not found";
        }
        if (rule.perLine()) {
            return p + " found on every non-blank line";
        }
        if (rule.min() != null && rule.max() != null) {
            return p + " found between " + rule.min() + " and " + rule.max() + " times";
        }
        if (rule.min() != null || rule.max() != null) {
            return p + " found " + (rule.min() != null ? "at least " + rule.min() : "at most " + rule.max()) + " times";
        }
        return p + " found";
    }

    public Verdict check(String text) {
        StepBoundedText.Budget budget = new StepBoundedText.Budget(maxSteps);
        try {
            if (rule.perLine()) {
                return perLine(text, budget);
            }
            Matcher m = pattern.matcher(new StepBoundedText(text, budget));
            if (rule.mustNotMatch()) {
                return m.find()
                        ? Verdict.fail("must not match /" + pattern.pattern() + "/ but found " + Texts.quote(m.group()) + " at line "
                                + Texts.lineOf(text, m.start()))
                        : Verdict.pass("no match for /" + pattern.pattern() + "/, as required");
            }
            if (rule.min() == null && rule.max() == null) {
                return m.find()
                        ? Verdict.pass("found " + Texts.quote(m.group()) + " at line " + Texts.lineOf(text, m.start()))
                        : Verdict.fail("no match for /" + pattern.pattern() + "/ in the response");
            }
            return counted(m);
        } catch (StepBoundedText.BudgetExceeded e) {
            return Verdict.fail("gave up: /" + pattern.pattern() + "/ read more than " + maxSteps + " characters of this "
                    + text.length() + "-character response without finishing (runaway backtracking). Simplify the pattern"
                    + " (avoid nested quantifiers such as (a+)+ or (.*)*), or raise maxSteps");
        } catch (StackOverflowError e) {
            // Java's engine recurses per repetition of some groups, e.g. (a|b)* over a long run of a and b
            return Verdict.fail("gave up: /" + pattern.pattern() + "/ recursed too deeply on this " + text.length()
                    + "-character response. Use a character class instead of a repeated alternation ([ab]* rather than (a|b)*)");
        }
    }

    private Verdict counted(Matcher m) {
        int count = 0;
        String first = null;
        while (m.find()) {
            if (first == null) {
                first = m.group();
            }
            count++;
        }
        String found = "found " + count + (count == 1 ? " match" : " matches") + " of /" + pattern.pattern() + "/";
        if (rule.min() != null && count < rule.min()) {
            return Verdict.fail(found + "; expected at least " + rule.min());
        }
        if (rule.max() != null && count > rule.max()) {
            return Verdict.fail(found + "; expected at most " + rule.max());
        }
        return Verdict.pass(found + (first == null ? "" : ", first " + Texts.quote(first)));
    }

    private Verdict perLine(String text, StepBoundedText.Budget budget) {
        String[] lines = text.split("\n", -1);
        List<String> offending = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace("\r", "");
            if (line.isBlank()) {
                continue;
            }
            checked++;
            if (!pattern.matcher(new StepBoundedText(line, budget)).find()) {
                offending.add("line " + (i + 1) + " " + Texts.quote(line, 60));
            }
        }
        if (checked == 0) {
            return Verdict.fail("the response has no non-blank lines to match /" + pattern.pattern() + "/");
        }
        if (offending.isEmpty()) {
            return Verdict.pass("all " + checked + " non-blank lines match /" + pattern.pattern() + "/");
        }
        return Verdict.fail(offending.size() + " of " + checked + " lines do not match /" + pattern.pattern() + "/: "
                + String.join(", ", offending.subList(0, Math.min(3, offending.size())))
                + (offending.size() > 3 ? ", …" : ""));
    }
}
