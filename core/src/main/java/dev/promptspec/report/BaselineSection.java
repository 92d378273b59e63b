package dev.promptspec.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.baseline.CaseRef;
import dev.promptspec.baseline.ComparisonSummary;
import dev.promptspec.internal.util.Decimals;
import dev.promptspec.internal.util.Json;
import java.util.List;

/**
 * The reports' {@code "baseline"} section: built from a run's comparison for the JSON report, and rendered to Markdown
 * from that JSON, so a merged report (whose sections are merged JSON) reads the same as a run's own.
 */
final class BaselineSection {

    /** The lists, in the order the Markdown shows them, with their headings. */
    static final List<String> CASE_LISTS = List.of("newlyFailing", "newlyPassing", "stillFailing", "added", "removed");
    private static final List<String> HEADINGS = List.of("Newly failing", "Newly passing", "Still failing", "Added", "Removed");

    private BaselineSection() {
    }

    static ObjectNode json(ComparisonSummary s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("path", s.path());
        if (s.finishedAt() != null) {
            n.put("finishedAt", s.finishedAt());
        }
        refs(n.putArray("newlyFailing"), s.newlyFailing());
        refs(n.putArray("newlyPassing"), s.newlyPassing());
        refs(n.putArray("stillFailing"), s.stillFailing());
        refs(n.putArray("added"), s.added());
        refs(n.putArray("removed"), s.removed());
        ArrayNode noise = n.putArray("noise");
        for (ComparisonSummary.Noise x : s.noise()) {
            ObjectNode o = ref(noise.addObject(), x.ref());
            o.put("passRateBefore", x.passRateBefore());
            o.put("passRateAfter", x.passRateAfter());
            o.put("pValue", x.pValue());
        }
        ArrayNode scores = n.putArray("scoreChanges");
        for (ComparisonSummary.ScoreChange x : s.scoreChanges()) {
            ObjectNode o = ref(scores.addObject(), x.ref());
            o.put("evaluator", x.evaluator());
            o.put("before", x.before());
            o.put("after", x.after());
        }
        refs(n.putArray("changedResponses"), s.changedResponses());
        mcnemar(n, s.mcnemar());
        return n;
    }

    static void mcnemar(ObjectNode section, ComparisonSummary.McNemar m) {
        ObjectNode o = section.putObject("mcnemar");
        o.put("passedThenFailed", m.passedThenFailed());
        o.put("failedThenPassed", m.failedThenPassed());
        o.put("pValue", m.pValue());
        o.put("significant", m.significant());
        o.put("confidence", m.confidence());
    }

    private static void refs(ArrayNode out, List<CaseRef> refs) {
        refs.forEach(r -> ref(out.addObject(), r));
    }

    private static ObjectNode ref(ObjectNode o, CaseRef r) {
        o.put("file", r.file());
        o.put("case", r.caseKey());
        if (r.model() != null) {
            o.put("model", r.model());
        }
        o.put("displayName", r.displayName());
        return o;
    }

    /** The section for people: the counts first, then each list (at most {@code max} entries each). */
    static String markdown(JsonNode s, int max) {
        StringBuilder sb = new StringBuilder("### Compared with the baseline\n\n");
        JsonNode failing = s.path("newlyFailing");
        sb.append("Baseline `").append(s.path("path").asText()).append('`');
        if (s.hasNonNull("finishedAt")) {
            sb.append(" (finished ").append(s.get("finishedAt").asText()).append(')');
        }
        sb.append(": ").append(failing.isEmpty() ? "0 newly failing" : "**" + failing.size() + " newly failing**");
        for (int i = 1; i < CASE_LISTS.size(); i++) {
            sb.append(", ").append(s.path(CASE_LISTS.get(i)).size()).append(' ').append(HEADINGS.get(i).toLowerCase(java.util.Locale.ROOT));
        }
        sb.append(", ").append(s.path("noise").size()).append(" noise\n\n");
        JsonNode m = s.path("mcnemar");
        int b = m.path("passedThenFailed").asInt();
        int c = m.path("failedThenPassed").asInt();
        sb.append("McNemar's exact test on the verdicts both runs gave: ").append(b).append(" passed → failed, ").append(c)
                .append(" failed → passed, p = ").append(Decimals.fixed(m.path("pValue").asDouble(), 3)).append(" (")
                .append(m.path("significant").asBoolean() ? "significant" : "not significant").append(" at ")
                .append(Decimals.fixed(100 * m.path("confidence").asDouble(0.95), 0)).append("% confidence)\n");
        for (int i = 0; i < CASE_LISTS.size(); i++) {
            JsonNode list = s.path(CASE_LISTS.get(i));
            if (!list.isEmpty() && !CASE_LISTS.get(i).equals("stillFailing")) { // still failing: the table below shows them
                sb.append("\n**").append(HEADINGS.get(i)).append("**\n\n");
                items(sb, list, max, r -> "");
            }
        }
        if (!s.path("noise").isEmpty()) {
            sb.append("\n**Noise** (pass rate dropped, not significantly: Fisher's exact test)\n\n");
            items(sb, s.path("noise"), max, r -> ": pass rate " + percent(r.path("passRateBefore")) + " → "
                    + percent(r.path("passRateAfter")) + ", p = " + Decimals.fixed(r.path("pValue").asDouble(), 3));
        }
        if (!s.path("scoreChanges").isEmpty()) {
            sb.append("\n**Score changes**\n\n");
            items(sb, s.path("scoreChanges"), max, r -> ": " + MarkdownSummary.escape(r.path("evaluator").asText()) + " "
                    + Decimals.fixed(r.path("before").asDouble(), 2) + " → " + Decimals.fixed(r.path("after").asDouble(), 2));
        }
        if (!s.path("changedResponses").isEmpty()) {
            sb.append("\n**Changed responses**\n\n");
            items(sb, s.path("changedResponses"), max, r -> "");
        }
        return sb.append('\n').toString();
    }

    private static void items(StringBuilder sb, JsonNode list, int max, java.util.function.Function<JsonNode, String> tail) {
        int shown = 0;
        for (JsonNode r : list) {
            if (shown++ == max) {
                sb.append("- …and ").append(list.size() - max).append(" more (see promptspec-report.json)\n");
                return;
            }
            sb.append("- **").append(MarkdownSummary.escape(r.path("displayName").asText())).append("** — `")
                    .append(r.path("file").asText()).append('`');
            if (r.hasNonNull("model")) {
                sb.append(" (").append(MarkdownSummary.escape(r.get("model").asText())).append(')');
            }
            sb.append(tail.apply(r)).append('\n');
        }
    }

    private static String percent(JsonNode share) {
        return Decimals.fixed(100 * share.asDouble(), 0) + "%";
    }
}
