package dev.promptspec.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptspec.eval.Texts;
import dev.promptspec.internal.util.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A short Markdown summary for people: a table per file and the failures with their failing checks; a prompt file
 * that cannot run is a row of its own, counted as an errored test, with its problems.
 * Fits a CI job summary (GitHub's {@code $GITHUB_STEP_SUMMARY}) or a pull request comment. Rendered from the JSON
 * report's parts (its summary, sections and case records), so a run's summary and a merged one read alike.
 */
final class MarkdownSummary {

    private static final int MAX_FAILURES = RunReport.MAX_DETAILED;

    /** One prompt file's row of the table. */
    record FileRow(String file, int cases, int passed, int failed, int errors, int aborted) {
    }

    /**
     * What the summary shows, from the JSON report.
     *
     * @param summary  the report's {@code summary}
     * @param invalid  the files that cannot run, as the report lists them
     * @param details  {@link #detail} of the first cases that did not pass
     * @param flaky    {@link #flaky} of the first flaky cases
     * @param baseline the {@code baseline} section, or null
     * @param shard    {@code k/n} when the report is one shard's, or null
     * @param batch    the {@code batch} section, or null
     * @param mutation the mutation testing section in Markdown, or null (a run in another mode, or a merged report)
     */
    record Parts(JsonNode summary, List<FileRow> files, List<JsonNode> invalid, List<String> details, List<String> flaky,
            JsonNode baseline, String shard, JsonNode batch, String mutation) {
    }

    private MarkdownSummary() {
    }

    static String render(RunReport report) {
        List<FileRow> rows = new ArrayList<>();
        for (Map.Entry<String, RunReport.FileTally> e : report.files().entrySet()) {
            RunReport.FileTally t = e.getValue();
            rows.add(new FileRow(e.getKey(), t.records.size(), t.count(CaseOutcome.Status.PASSED), t.count(CaseOutcome.Status.FAILED),
                    t.count(CaseOutcome.Status.ERROR), t.count(CaseOutcome.Status.ABORTED)));
        }
        return render(new Parts(JsonReport.summary(report), rows, report.invalidFiles().stream().map(JsonReport::invalidFileNode)
                .map(JsonNode.class::cast).toList(), report.notPassedDetails(), report.flakyDetails(),
                report.baseline().map(BaselineSection::json).orElse(null), report.shard().map(Object::toString).orElse(null),
                report.batch().map(JsonReport::batch).orElse(null), report.mutation().isPresent() ? report.mutationMarkdown() : null));
    }

    static String render(Parts parts) {
        JsonNode summary = parts.summary();
        List<JsonNode> invalid = parts.invalid();
        long passed = summary.path("passedTests").asLong();
        long tests = summary.path("totalTests").asLong();
        StringBuilder sb = new StringBuilder("## PromptSpec results\n\n");
        if (parts.baseline() != null) {
            // What changed since the baseline is what a pull request's reader came for: it comes first.
            sb.append(BaselineSection.markdown(parts.baseline(), MAX_FAILURES));
        }
        if (parts.shard() != null) {
            sb.append("Shard ").append(parts.shard()).append(" of the suite\n\n");
        }
        // An invalid file is a test that errored: it counts, so it never hides behind a 100% pass rate.
        sb.append("**").append(passed).append(" of ").append(tests).append(invalid.isEmpty() ? " cases" : " tests").append(" passed**");
        if (tests > 0) {
            sb.append(" (").append(Math.round(100.0 * passed / tests)).append("%)");
        }
        int fileCount = parts.files().size() + invalid.size();
        sb.append(" · ").append(fileCount).append(fileCount == 1 ? " file" : " files");
        if (!invalid.isEmpty()) {
            sb.append(" (").append(invalid.size()).append(" invalid)");
        }
        JsonNode usage = summary.path("usage");
        if (usage.has("inputTokens") || usage.has("outputTokens")) {
            sb.append(" · ").append(usage.path("inputTokens").asLong() + usage.path("outputTokens").asLong()).append(" tokens");
        }
        sb.append(" · ").append(summary.path("replayedResponses").asLong()).append(" replayed, ")
                .append(summary.path("liveResponses").asLong()).append(" live\n\n");
        if (summary.path("calls").has("summary")) {
            sb.append(summary.path("calls").path("summary").asText()).append("\n\n");
        }
        if (parts.batch() != null) {
            sb.append(batchLine(parts.batch())).append("\n\n");
        }
        JsonNode sampling = summary.path("sampling");
        if (sampling.path("sampledCases").asLong() > 0) {
            long sampled = sampling.path("sampledCases").asLong();
            long saved = sampling.path("samplesSaved").asLong();
            sb.append("Sampling: ").append(sampled).append(sampled == 1 ? " case" : " cases")
                    .append(" sampled, ").append(sampling.path("samplesDrawn").asLong()).append(" of ")
                    .append(sampling.path("samplesAllowed").asLong())
                    .append(" samples drawn (").append(saved).append(saved == 1 ? " call" : " calls")
                    .append(" saved against drawing every sample), ").append(sampling.path("flakyCases").asLong()).append(" flaky, ")
                    .append(sampling.path("inconclusiveCases").asLong()).append(" inconclusive\n\n");
        }
        sb.append("| Prompt file | Cases | Passed | Failed | Errors | Aborted |\n|---|---:|---:|---:|---:|---:|\n");
        for (FileRow t : parts.files()) {
            sb.append("| `").append(t.file()).append("` | ").append(t.cases()).append(" | ").append(t.passed()).append(" | ")
                    .append(t.failed()).append(" | ").append(t.errors()).append(" | ").append(t.aborted()).append(" |\n");
        }
        for (JsonNode f : invalid) {
            sb.append("| `").append(f.path("file").asText()).append("` (invalid) | – | 0 | 0 | 1 | 0 |\n");
        }
        long notPassedCases = tests - invalid.size() - passed;
        if (notPassedCases > 0 || !invalid.isEmpty()) {
            sb.append("\n### Not passed\n");
            List<JsonNode> shownFiles = invalid.subList(0, Math.min(MAX_FAILURES, invalid.size()));
            for (JsonNode f : shownFiles) {
                sb.append("\n**").append(escape(f.path("displayName").asText())).append("** — `").append(f.path("file").asText())
                        .append("` (error: cannot run)\n");
                for (JsonNode p : f.path("problems")) {
                    sb.append("- ").append(escape(p.path("text").asText())).append('\n');
                }
            }
            List<String> details = parts.details();
            details.subList(0, Math.min(MAX_FAILURES - shownFiles.size(), details.size())).forEach(sb::append);
            long notPassed = notPassedCases + invalid.size();
            if (notPassed > MAX_FAILURES) {
                sb.append("\n…and ").append(notPassed - MAX_FAILURES).append(" more (see promptspec-report.json)\n");
            }
        }
        if (parts.mutation() != null) {
            sb.append(parts.mutation());
        }
        long flakyCases = sampling.path("flakyCases").asLong();
        if (flakyCases > 0) {
            sb.append("\n### Flaky\n\nSampled cases whose samples disagree, whatever their verdict:\n\n");
            parts.flaky().forEach(sb::append);
            if (flakyCases > parts.flaky().size()) {
                sb.append("- …and ").append(flakyCases - parts.flaky().size()).append(" more (see promptspec-report.json)\n");
            }
        }
        return sb.toString();
    }

    /** The batch step in one line: calls sent, jobs, what they cost at batch prices and saved against live calls. */
    static String batchLine(JsonNode b) {
        long failed = 0;
        for (JsonNode job : b.path("jobs")) {
            failed += job.path("failed").asLong();
        }
        long calls = b.path("submittedCalls").asLong();
        int jobs = b.path("jobs").size();
        return "Batch: " + calls + (calls == 1 ? " call" : " calls") + " in " + jobs + (jobs == 1 ? " job" : " jobs")
                + (failed > 0 ? " (" + failed + " failed)" : "") + ", about " + Money.format(b.path("estimatedCost").asDouble())
                + " at batch prices, " + Money.format(b.path("savedVersusLive").asDouble()) + " less than live";
    }

    /** One flaky case as the summary lists it: its name, where it is, its verdict and the evaluators that flipped. */
    static String flaky(String file, JsonNode record) {
        JsonNode set = record.path("sampling");
        List<String> flipped = texts(set.path("flippedEvaluators"));
        return "- **" + escape(record.path("displayName").asText()) + "** — `" + file + ":" + record.path("line").asInt()
                + "`: " + escape(set.path("summary").asText()) + (flipped.isEmpty() ? "" : "; flipped: "
                + escape(String.join(", ", flipped))) + "\n";
    }

    /** "mutation score 0.40 (2 of 5 mutants killed; 1 not checkable offline)", from a case record's {@code mutation}. */
    private static String mutationScore(JsonNode mutation) {
        long killed = mutation.path("killed").asLong();
        long applicable = mutation.path("applicable").asLong();
        long notCheckable = 0;
        for (JsonNode m : mutation.path("mutants")) {
            notCheckable += m.path("status").asText().equals("not-checkable") ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder("mutation score ")
                .append(mutation.path("score").isNumber() ? String.format(Locale.ROOT, "%.2f", mutation.path("score").asDouble()) : "n/a")
                .append(" (").append(killed).append(" of ").append(applicable).append(applicable == 1 ? " mutant" : " mutants")
                .append(" killed");
        if (notCheckable > 0) {
            sb.append("; ").append(notCheckable).append(" not checkable offline");
        }
        return sb.append(')').toString();
    }

    /** One case that did not pass, as the summary details it: its name, where it is, why. */
    static String detail(String file, JsonNode record) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n**").append(escape(record.path("displayName").asText())).append("** — `").append(file).append(':')
                .append(record.path("line").asInt()).append("` (").append(record.path("status").asText()).append(")\n");
        if (record.hasNonNull("error")) {
            sb.append("- ").append(escape(Texts.firstLine(record.get("error").asText()))).append('\n');
        }
        JsonNode sampling = record.path("sampling");
        if (sampling.has("summary")) {
            sb.append("- samples: ").append(escape(sampling.path("summary").asText())).append('\n');
            if (sampling.path("flaky").asBoolean()) {
                sb.append("- ").append(escape(CaseMessages.flakiness(texts(sampling.path("flippedEvaluators"))))).append('\n');
            }
        }
        JsonNode mutation = record.path("mutation");
        if (mutation.has("killed") && !record.path("status").asText().equals("passed")) { // passed its checks, not its score
            sb.append("- ").append(escape(mutationScore(mutation))).append(", below the threshold\n");
        }
        for (JsonNode c : record.path("evaluationResults")) {
            if (!c.path("passed").asBoolean()) {
                sb.append("- ").append(escape(c.path("evaluatorName").asText())).append(" (").append(c.path("kind").asText())
                        .append("): ").append(escape(c.path("details").asText())).append('\n');
            }
        }
        return sb.toString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Keeps table pipes and stray markup in user text from breaking the summary. */
    static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;");
    }
}
