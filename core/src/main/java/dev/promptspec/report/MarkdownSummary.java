package dev.promptspec.report;

import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.Texts;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.problem.Problem;
import java.util.List;
import java.util.Map;

/**
 * A short Markdown summary for people: a table per file and the failures with their failing checks; a prompt file
 * that cannot run is a row of its own, counted as an errored test, with its problems.
 * Fits a CI job summary (GitHub's {@code $GITHUB_STEP_SUMMARY}) or a pull request comment.
 */
final class MarkdownSummary {

    private static final int MAX_FAILURES = 50;

    private MarkdownSummary() {
    }

    static String render(RunReport report) {
        List<CaseOutcome> all = report.outcomes();
        List<InvalidFile> invalid = report.invalidFiles();
        long passed = report.count(CaseOutcome.Status.PASSED);
        long tests = report.tests();
        StringBuilder sb = new StringBuilder("## PromptSpec results\n\n");
        // An invalid file is a test that errored: it counts, so it never hides behind a 100% pass rate.
        sb.append("**").append(passed).append(" of ").append(tests).append(invalid.isEmpty() ? " cases" : " tests").append(" passed**");
        if (tests > 0) {
            sb.append(" (").append(Math.round(100.0 * passed / tests)).append("%)");
        }
        TokenUsage u = report.usage();
        int files = report.byFile().size() + invalid.size();
        sb.append(" · ").append(files).append(files == 1 ? " file" : " files");
        if (!invalid.isEmpty()) {
            sb.append(" (").append(invalid.size()).append(" invalid)");
        }
        if (u.isKnown()) {
            sb.append(" · ").append(u.total()).append(" tokens");
        }
        sb.append(" · ").append(report.count(ModelResponse.Origin.REPLAYED)).append(" replayed, ")
                .append(report.count(ModelResponse.Origin.LIVE) + report.count(ModelResponse.Origin.RECORDED)).append(" live\n\n");
        sb.append("| Prompt file | Cases | Passed | Failed | Errors | Aborted |\n|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<CaseOutcome>> e : report.byFile().entrySet()) {
            List<CaseOutcome> cases = e.getValue();
            sb.append("| `").append(e.getKey()).append("` | ").append(cases.size())
                    .append(" | ").append(count(cases, CaseOutcome.Status.PASSED))
                    .append(" | ").append(count(cases, CaseOutcome.Status.FAILED))
                    .append(" | ").append(count(cases, CaseOutcome.Status.ERROR))
                    .append(" | ").append(count(cases, CaseOutcome.Status.ABORTED)).append(" |\n");
        }
        for (InvalidFile f : invalid) {
            sb.append("| `").append(f.promptFile()).append("` (invalid) | – | 0 | 0 | 1 | 0 |\n");
        }
        List<CaseOutcome> bad = all.stream().filter(o -> o.status() != CaseOutcome.Status.PASSED).toList();
        if (!bad.isEmpty() || !invalid.isEmpty()) {
            sb.append("\n### Not passed\n");
            List<InvalidFile> shownFiles = invalid.subList(0, Math.min(MAX_FAILURES, invalid.size()));
            for (InvalidFile f : shownFiles) {
                sb.append("\n**").append(escape(f.displayName())).append("** — `").append(f.promptFile()).append("` (error: cannot run)\n");
                for (Problem p : f.problems()) {
                    sb.append("- ").append(escape(p.format())).append('\n');
                }
            }
            for (CaseOutcome o : bad.subList(0, Math.min(MAX_FAILURES - shownFiles.size(), bad.size()))) {
                sb.append("\n**").append(escape(o.displayName())).append("** — `").append(o.result().promptFile()).append(':')
                        .append(o.result().testCase().position().line()).append("` (").append(o.status().name().toLowerCase()).append(")\n");
                if (o.result().error() != null) {
                    sb.append("- ").append(escape(Texts.firstLine(String.valueOf(o.result().error().getMessage())))).append('\n');
                }
                for (CheckResult c : o.result().failedChecks()) {
                    sb.append("- ").append(escape(c.name())).append(" (").append(c.kind()).append("): ")
                            .append(escape(c.verdict().detail())).append('\n');
                }
            }
            int notPassed = bad.size() + invalid.size();
            if (notPassed > MAX_FAILURES) {
                sb.append("\n…and ").append(notPassed - MAX_FAILURES).append(" more (see promptspec-report.json)\n");
            }
        }
        return sb.toString();
    }

    private static long count(List<CaseOutcome> cases, CaseOutcome.Status s) {
        return cases.stream().filter(o -> o.status() == s).count();
    }

    /** Keeps table pipes and stray markup in user text from breaking the summary. */
    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;");
    }
}
