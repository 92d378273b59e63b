package dev.promptspec.report;

import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.Texts;
import dev.promptspec.internal.util.Money;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.problem.Problem;
import dev.promptspec.run.BatchSummary;
import dev.promptspec.run.SampleSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A short Markdown summary for people: a table per file and the failures with their failing checks; a prompt file
 * that cannot run is a row of its own, counted as an errored test, with its problems.
 * Fits a CI job summary (GitHub's {@code $GITHUB_STEP_SUMMARY}) or a pull request comment.
 */
final class MarkdownSummary {

    private static final int MAX_FAILURES = RunReport.MAX_DETAILED;

    private MarkdownSummary() {
    }

    static String render(RunReport report) {
        List<InvalidFile> invalid = report.invalidFiles();
        Map<String, RunReport.FileTally> files = report.files();
        long passed = report.count(CaseOutcome.Status.PASSED);
        long tests = report.tests();
        StringBuilder sb = new StringBuilder("## PromptSpec results\n\n");
        // An invalid file is a test that errored: it counts, so it never hides behind a 100% pass rate.
        sb.append("**").append(passed).append(" of ").append(tests).append(invalid.isEmpty() ? " cases" : " tests").append(" passed**");
        if (tests > 0) {
            sb.append(" (").append(Math.round(100.0 * passed / tests)).append("%)");
        }
        TokenUsage u = report.usage();
        int fileCount = files.size() + invalid.size();
        sb.append(" · ").append(fileCount).append(fileCount == 1 ? " file" : " files");
        if (!invalid.isEmpty()) {
            sb.append(" (").append(invalid.size()).append(" invalid)");
        }
        if (u.isKnown()) {
            sb.append(" · ").append(u.total()).append(" tokens");
        }
        sb.append(" · ").append(report.count(ModelResponse.Origin.REPLAYED)).append(" replayed, ")
                .append(report.count(ModelResponse.Origin.LIVE) + report.count(ModelResponse.Origin.RECORDED)).append(" live\n\n");
        report.runUsage().ifPresent(usage -> sb.append(UsageSummary.line(usage)).append("\n\n"));
        report.batch().ifPresent(b -> sb.append(batchLine(b)).append("\n\n"));
        if (report.sampledCases() > 0) {
            long saved = report.samplesAllowed() - report.samplesDrawn();
            sb.append("Sampling: ").append(report.sampledCases()).append(report.sampledCases() == 1 ? " case" : " cases")
                    .append(" sampled, ").append(report.samplesDrawn()).append(" of ").append(report.samplesAllowed())
                    .append(" samples drawn (").append(saved).append(saved == 1 ? " call" : " calls")
                    .append(" saved against drawing every sample), ").append(report.flakyCases()).append(" flaky, ")
                    .append(report.inconclusiveCases()).append(" inconclusive\n\n");
        }
        sb.append("| Prompt file | Cases | Passed | Failed | Errors | Aborted |\n|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, RunReport.FileTally> e : files.entrySet()) {
            RunReport.FileTally t = e.getValue();
            sb.append("| `").append(e.getKey()).append("` | ").append(t.records.size())
                    .append(" | ").append(t.count(CaseOutcome.Status.PASSED))
                    .append(" | ").append(t.count(CaseOutcome.Status.FAILED))
                    .append(" | ").append(t.count(CaseOutcome.Status.ERROR))
                    .append(" | ").append(t.count(CaseOutcome.Status.ABORTED)).append(" |\n");
        }
        for (InvalidFile f : invalid) {
            sb.append("| `").append(f.promptFile()).append("` (invalid) | – | 0 | 0 | 1 | 0 |\n");
        }
        long notPassedCases = report.cases() - passed;
        if (notPassedCases > 0 || !invalid.isEmpty()) {
            sb.append("\n### Not passed\n");
            List<InvalidFile> shownFiles = invalid.subList(0, Math.min(MAX_FAILURES, invalid.size()));
            for (InvalidFile f : shownFiles) {
                sb.append("\n**").append(escape(f.displayName())).append("** — `").append(f.promptFile()).append("` (error: cannot run)\n");
                for (Problem p : f.problems()) {
                    sb.append("- ").append(escape(p.format())).append('\n');
                }
            }
            List<String> details = report.notPassedDetails();
            details.subList(0, Math.min(MAX_FAILURES - shownFiles.size(), details.size())).forEach(sb::append);
            long notPassed = notPassedCases + invalid.size();
            if (notPassed > MAX_FAILURES) {
                sb.append("\n…and ").append(notPassed - MAX_FAILURES).append(" more (see promptspec-report.json)\n");
            }
        }
        if (report.mutation().isPresent()) {
            sb.append(report.mutationMarkdown());
        }
        if (report.flakyCases() > 0) {
            sb.append("\n### Flaky\n\nSampled cases whose samples disagree, whatever their verdict:\n\n");
            report.flakyDetails().forEach(sb::append);
            if (report.flakyCases() > report.flakyDetails().size()) {
                sb.append("- …and ").append(report.flakyCases() - report.flakyDetails().size()).append(" more (see promptspec-report.json)\n");
            }
        }
        return sb.toString();
    }

    /** The batch step in one line: calls sent, jobs, what they cost at batch prices and saved against live calls. */
    static String batchLine(BatchSummary b) {
        long failed = b.jobs().stream().mapToLong(BatchSummary.Job::failed).sum();
        return "Batch: " + b.submittedCalls() + (b.submittedCalls() == 1 ? " call" : " calls") + " in " + b.jobs().size()
                + (b.jobs().size() == 1 ? " job" : " jobs") + (failed > 0 ? " (" + failed + " failed)" : "") + ", about "
                + Money.format(b.estimatedCost()) + " at batch prices, "
                + Money.format(b.savedVersusLive()) + " less than live";
    }

    /** One flaky case as the summary lists it: its name, where it is, its verdict and the evaluators that flipped. */
    static String flaky(CaseOutcome o) {
        SampleSet set = o.result().sampling();
        List<String> flipped = set.flipped();
        return "- **" + escape(o.displayName()) + "** — `" + o.result().promptFile() + ":" + o.result().testCase().position().line()
                + "`: " + escape(set.rate().describe()) + (flipped.isEmpty() ? "" : "; flipped: " + escape(String.join(", ", flipped)))
                + "\n";
    }

    /** One case that did not pass, as the summary details it: its name, where it is, why. */
    static String detail(CaseOutcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n**").append(escape(o.displayName())).append("** — `").append(o.result().promptFile()).append(':')
                .append(o.result().testCase().position().line()).append("` (").append(o.status().name().toLowerCase(Locale.ROOT))
                .append(")\n");
        if (o.result().error() != null) {
            sb.append("- ").append(escape(Texts.firstLine(String.valueOf(o.result().error().getMessage())))).append('\n');
        }
        if (o.result().sampling() != null) {
            sb.append("- samples: ").append(escape(o.result().sampling().rate().describe())).append('\n');
            CaseMessages.flakiness(o.result().sampling()).ifPresent(f -> sb.append("- ").append(escape(f)).append('\n'));
        }
        if (o.mutation() != null) { // passed its checks; failed on its mutation score
            sb.append("- ").append(escape(o.mutation().describe())).append(", below the threshold\n");
        }
        for (CheckResult c : o.result().failedChecks()) {
            sb.append("- ").append(escape(c.name())).append(" (").append(c.kind()).append("): ")
                    .append(escape(c.verdict().detail())).append('\n');
        }
        return sb.toString();
    }

    /** Keeps table pipes and stray markup in user text from breaking the summary. */
    static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;");
    }
}
