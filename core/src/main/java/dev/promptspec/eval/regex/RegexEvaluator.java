package dev.promptspec.eval.regex;

import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.Texts;
import dev.promptspec.eval.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the pattern anywhere in the response (or in each line), within a step budget. */
final class RegexEvaluator implements Evaluator {

    /**
     * @param mustNotMatch pass only when the pattern is not found
     * @param min          at least this many matches, or null
     * @param max          at most this many matches, or null
     * @param perLine      every non-blank line must match
     */
    record Rule(boolean mustNotMatch, Integer min, Integer max, boolean perLine) {
        static Rule defaults() {
            return new Rule(false, null, null, false);
        }
    }

    private final Pattern pattern;
    private final Rule rule;
    private final long maxSteps;

    RegexEvaluator(Pattern pattern, Rule rule, long maxSteps) {
        this.pattern = pattern;
        this.rule = rule;
        this.maxSteps = maxSteps;
    }

    @Override
    public Verdict evaluate(EvaluationContext context) {
        String text = context.response();
        try {
            if (rule.perLine()) {
                return perLine(text);
            }
            Matcher m = pattern.matcher(new StepBoundedText(text, maxSteps));
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
            int count = 0;
            String first = null;
            int limit = rule.max() == null ? Integer.MAX_VALUE : rule.max() + 1;
            int needed = rule.min() == null ? 0 : rule.min();
            while (count < Math.max(limit, needed) && m.find()) {
                if (first == null) {
                    first = m.group();
                }
                count++;
            }
            String counted = count > (rule.max() == null ? Integer.MAX_VALUE : rule.max()) ? "more than " + rule.max() : String.valueOf(count);
            if (rule.min() != null && count < rule.min()) {
                return Verdict.fail("found " + count + (count == 1 ? " match" : " matches") + " of /" + pattern.pattern()
                        + "/; expected at least " + rule.min());
            }
            if (rule.max() != null && count > rule.max()) {
                return Verdict.fail("found " + counted + " matches of /" + pattern.pattern() + "/; expected at most " + rule.max());
            }
            return Verdict.pass("found " + count + (count == 1 ? " match" : " matches") + (first == null ? "" : ", first " + Texts.quote(first)));
        } catch (StepBoundedText.BudgetExceeded e) {
            return Verdict.fail("gave up: /" + pattern.pattern() + "/ read more than " + maxSteps
                    + " characters on this " + text.length() + "-character response, which means catastrophic backtracking."
                    + " Simplify the pattern (avoid nested quantifiers such as (a+)+ or (.*)*), or raise maxSteps");
        }
    }

    private Verdict perLine(String text) {
        String[] lines = text.split("\n", -1);
        List<String> offending = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace("\r", "");
            if (line.isBlank()) {
                continue;
            }
            checked++;
            if (!pattern.matcher(new StepBoundedText(line, maxSteps)).find()) {
                offending.add("line " + (i + 1) + " " + Texts.quote(line, 60));
            }
        }
        if (offending.isEmpty()) {
            return Verdict.pass("all " + checked + " non-blank lines match /" + pattern.pattern() + "/");
        }
        return Verdict.fail(offending.size() + " of " + checked + " lines do not match /" + pattern.pattern() + "/: "
                + String.join(", ", offending.subList(0, Math.min(3, offending.size())))
                + (offending.size() > 3 ? ", …" : ""));
    }
}
