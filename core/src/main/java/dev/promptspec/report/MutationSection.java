package dev.promptspec.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.internal.util.Decimals;
import dev.promptspec.internal.util.Json;
import dev.promptspec.mutation.CaseMutations;
import dev.promptspec.mutation.MutantOutcome;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The reports' mutation testing parts ({@code mutate} mode): the {@code mutation} object of each case's record and of
 * the JSON report, the Markdown summary's section, and {@value #FILE}, per file and per case, made from the spooled
 * case records like the JSON report.
 */
final class MutationSection {

    static final String FILE = "promptspec-mutation.json";

    /** What the run keeps in memory of mutation testing: the threshold, each file's counts, the suite's. */
    static final class Tally {
        final double threshold;
        final Map<String, long[]> files = new LinkedHashMap<>();
        long killed;
        long applicable;
        long notCheckable;

        Tally(double threshold) {
            this.threshold = threshold;
        }

        void add(String file, CaseMutations m) {
            long[] counts = files.computeIfAbsent(file, f -> new long[2]);
            counts[0] += m.killed();
            counts[1] += m.applicable();
            killed += m.killed();
            applicable += m.applicable();
            notCheckable += m.notCheckable();
        }
    }

    private MutationSection() {
    }

    /** A case's {@code mutation} object, streamed into its record. */
    static void writeCase(JsonGenerator g, CaseMutations m) throws IOException {
        g.writeObjectFieldStart("mutation");
        writeScore(g, m.score());
        g.writeNumberField("killed", m.killed());
        g.writeNumberField("applicable", m.applicable());
        g.writeArrayFieldStart("mutants");
        for (MutantOutcome o : m.mutants()) {
            g.writeStartObject();
            g.writeStringField("operator", o.operator());
            g.writeStringField("status", o.status().label());
            if (o.killedBy() != null) {
                g.writeStringField("killedBy", o.killedBy());
            }
            g.writeStringField("diff", o.diff());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The JSON report's top-level {@code mutation} object: the suite's score and each file's. */
    static ObjectNode summary(Tally t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        score(n, t.killed, t.applicable);
        n.put("threshold", t.threshold);
        ArrayNode files = n.putArray("files");
        t.files.forEach((file, c) -> {
            ObjectNode f = files.addObject();
            f.put("file", file);
            score(f, c[0], c[1]);
        });
        return n;
    }

    /**
     * {@value #FILE}: the suite's and each file's score, and each case with its status, score, surviving operators,
     * the evaluators that killed its mutants (how many each) and its mutants, read back from the report's records.
     */
    static void writeFile(RunReport report, Tally t, Instant finishedAt, Writer out) throws IOException {
        ObjectNode root = summary(t);
        root.put("notCheckable", t.notCheckable);
        root.put("finishedAt", finishedAt.toString());
        Map<String, ObjectNode> files = new LinkedHashMap<>();
        root.get("files").forEach(f -> files.put(f.get("file").asText(), (ObjectNode) f));
        Map<String, RunReport.FileTally> reported = report.files();
        for (Map.Entry<String, ObjectNode> e : files.entrySet()) {
            ArrayNode cases = e.getValue().putArray("cases");
            for (long[] where : reported.get(e.getKey()).records) {
                cases.add(caseEntry(Json.MAPPER.readTree(report.record(where))));
            }
        }
        // The caller flushes and closes the target (an atomic file's temporary).
        Json.MAPPER.writerWithDefaultPrettyPrinter().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, root);
    }

    private static ObjectNode caseEntry(JsonNode record) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.set("case", record.get("case"));
        c.set("displayName", record.get("displayName"));
        c.set("line", record.get("line"));
        if (record.has("model")) {
            c.set("model", record.get("model"));
        }
        c.set("status", record.get("status"));
        JsonNode m = record.get("mutation");
        if (m == null) {
            c.put("note", "not mutated: only a case that passes on its recorded response is");
            return c;
        }
        c.set("score", m.get("score"));
        c.set("killed", m.get("killed"));
        c.set("applicable", m.get("applicable"));
        Set<String> surviving = new LinkedHashSet<>();
        ObjectNode killedBy = Json.MAPPER.createObjectNode();
        for (JsonNode mutant : m.get("mutants")) {
            String status = mutant.get("status").asText();
            if (status.equals(MutantOutcome.Status.SURVIVED.label())) {
                surviving.add(mutant.get("operator").asText());
            } else if (mutant.has("killedBy")) {
                String by = mutant.get("killedBy").asText();
                killedBy.put(by, killedBy.path(by).asLong() + 1);
            }
        }
        ArrayNode ops = c.putArray("survivingOperators");
        surviving.forEach(ops::add);
        c.set("killedBy", killedBy);
        c.set("mutants", m.get("mutants"));
        return c;
    }

    /** The Markdown summary's section: the suite's score, a row per file, and each case's line. */
    static String markdown(Tally t, List<String> caseLines, long casesWithLines) {
        StringBuilder sb = new StringBuilder("\n### Mutation testing\n\n");
        sb.append("Suite mutation score **").append(formatted(CaseMutations.score(t.killed, t.applicable))).append("**: ")
                .append(t.killed).append(" of ").append(t.applicable).append(" mutants killed");
        if (t.notCheckable > 0) {
            sb.append(", ").append(t.notCheckable).append(" not checkable offline");
        }
        sb.append(" (threshold ").append(Decimals.fixed(t.threshold, 2)).append(")\n\n");
        sb.append("| Prompt file | Score | Killed | Applicable |\n|---|---:|---:|---:|\n");
        t.files.forEach((file, c) -> sb.append("| `").append(file).append("` | ").append(formatted(CaseMutations.score(c[0], c[1])))
                .append(" | ").append(c[0]).append(" | ").append(c[1]).append(" |\n"));
        if (!caseLines.isEmpty()) {
            sb.append('\n');
            caseLines.forEach(sb::append);
            if (casesWithLines > caseLines.size()) {
                sb.append("- …and ").append(casesWithLines - caseLines.size()).append(" more (see ").append(FILE).append(")\n");
            }
        }
        return sb.toString();
    }

    /** One mutated case in the summary: its score, the operators whose mutants survived, and who killed the others. */
    static String caseLine(CaseOutcome o) {
        CaseMutations m = o.mutation();
        StringBuilder sb = new StringBuilder("- **").append(MarkdownSummary.escape(o.displayName())).append("** — `")
                .append(o.result().promptFile()).append(':').append(o.result().testCase().position().line()).append("`: ")
                .append(formatted(m.score())).append(" (").append(m.killed()).append('/').append(m.applicable()).append(')');
        Set<String> surviving = new LinkedHashSet<>();
        m.survivors().forEach(s -> surviving.add(s.operator()));
        sb.append("; surviving: ").append(surviving.isEmpty() ? "none" : String.join(", ", surviving));
        Map<String, Integer> killers = new LinkedHashMap<>();
        m.mutants().stream().filter(x -> x.killedBy() != null).forEach(x -> killers.merge(x.killedBy(), 1, Integer::sum));
        if (!killers.isEmpty()) {
            sb.append("; killed by: ");
            killers.forEach((name, count) -> sb.append(MarkdownSummary.escape(name)).append(" ×").append(count).append(", "));
            sb.setLength(sb.length() - 2);
        }
        if (m.notCheckable() > 0) {
            sb.append("; ").append(m.notCheckable()).append(" not checkable offline");
        }
        return sb.append('\n').toString();
    }

    private static String formatted(OptionalDouble score) {
        return score.isPresent() ? Decimals.fixed(score.getAsDouble(), 2) : "n/a";
    }

    private static void score(ObjectNode n, long killed, long applicable) {
        OptionalDouble s = CaseMutations.score(killed, applicable);
        if (s.isPresent()) {
            n.put("score", s.getAsDouble());
        } else {
            n.putNull("score");
        }
        n.put("killed", killed);
        n.put("applicable", applicable);
    }

    private static void writeScore(JsonGenerator g, OptionalDouble s) throws IOException {
        if (s.isPresent()) {
            g.writeNumberField("score", s.getAsDouble());
        } else {
            g.writeNullField("score");
        }
    }
}
