package dev.promptspec.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.baseline.CaseChange;
import dev.promptspec.config.PriceTable;
import dev.promptspec.internal.util.Json;
import dev.promptspec.model.ModelResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.apiguardian.api.API;

/**
 * The report a person opens from CI artifacts: one self-contained HTML page (no network, no external script, font or
 * style) made from a {@code promptspec-report.json}, with the run's summary, charts, filters, every case with its
 * prompt, its answer rendered as Markdown and each check's verdict, and whatever sections the JSON holds (baseline,
 * mutation, batch, shard).
 *
 * <p>The page holds the data and a small script that renders it: the case records are streamed from the JSON, one at a
 * time, into a {@code <script type="application/json">} block (so writing needs memory for one case, not the run), and
 * the page renders only the rows in view. A run's page takes each case's record from the run's spool instead, made
 * when the case ended ({@link #pageRecord}): the same text, without reading the JSON back. Answers are untrusted: each
 * is rendered to sanitised HTML here, in Java, and the page's Content-Security-Policy runs only its own script (by
 * hash) and loads nothing from anywhere.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HtmlReport {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String SCRIPT = resource("html-report.js");
    private static final String STYLE = resource("html-report.css");
    /** Only the page's own script and style run; nothing is fetched, posted or framed. */
    private static final String POLICY = "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; style-src '" + sha256(STYLE)
            + "'; img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'";

    private HtmlReport() {
    }

    /**
     * Writes the HTML page of a JSON report ({@code promptspec-report.json}, or a merged one of the same shape): the
     * JSON is read as a stream, so a report of any size needs memory for one case at a time. Sections the page does not
     * know are kept in its data and not shown.
     *
     * @param jsonReport the JSON report, read to its end (not closed)
     * @param html       where the page goes (not closed, flushed)
     * @throws IOException when either fails, or the JSON is not a report (the message says where it went wrong)
     */
    public static void write(Reader jsonReport, Writer html) throws IOException {
        write(jsonReport, null, html);
    }

    /**
     * Where a run's page takes its cases from instead of the JSON report: the records {@link #pageRecord} made when each
     * case ended, so that writing the page parses, renders and formats no case again.
     */
    interface SpooledCases {
        /**
         * Writes the page's records of the {@code fileIndex}-th entry of the report's {@code files} to {@code cases}.
         *
         * @return how many
         */
        int write(int fileIndex, JsonGenerator cases) throws IOException;
    }

    /**
     * One case's record as the page holds it (see {@link #forPage}), in UTF-8, less its {@code fileIndex}, which is known
     * only when the page is written: it goes in at byte {@code fileIndexAt}.
     */
    record PageRecord(byte[] bytes, int fileIndexAt) {
    }

    /**
     * The page's record of a case, made on the thread that ends the case (as its JSON record is): the same text that
     * {@link #forPage} makes of the case's JSON record, without parsing it back.
     */
    static PageRecord pageRecord(CaseOutcome outcome, PriceTable prices, CaseChange change) {
        StringWriter out = new StringWriter(4096);
        int fileIndexAt;
        try (JsonGenerator g = scriptData(out)) {
            g.writeStartObject();
            JsonReport.writeCaseFields(g, outcome, prices, change, false);
            g.flush();
            fileIndexAt = out.getBuffer().length();
            ModelResponse response = outcome.result().response();
            if (response != null && response.text() != null) {
                g.writeStringField("responseHtml", ResponseHtml.render(response.text()));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        // Encoded in two parts split after a whole field (never inside a surrogate pair), each once: the first part's
        // length in bytes is where fileIndex goes.
        byte[] head = out.getBuffer().substring(0, fileIndexAt).getBytes(StandardCharsets.UTF_8);
        byte[] tail = out.getBuffer().substring(fileIndexAt).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, bytes, head.length, tail.length);
        return new PageRecord(bytes, head.length);
    }

    /** {@link #write(Reader, Writer)}, with the cases from {@code spooled} when it is not null (the JSON's are skipped). */
    static void write(Reader jsonReport, SpooledCases spooled, Writer html) throws IOException {
        try (JsonParser in = JSON.getFactory().createParser(jsonReport).disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a PromptSpec JSON report: it does not start with an object (line "
                        + in.currentLocation().getLineNr() + ", column " + in.currentLocation().getColumnNr() + ")");
            }
            html.write(head());
            html.write("<script type=\"application/json\" id=\"ps-cases\">");
            ObjectNode run = JSON.createObjectNode();
            ArrayNode files = JSON.createArrayNode();
            try (JsonGenerator cases = scriptData(html)) {
                cases.writeStartArray();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    JsonToken value = in.nextToken();
                    if (name.equals("files") && value == JsonToken.START_ARRAY) {
                        while (in.nextToken() == JsonToken.START_OBJECT) {
                            copyFile(in, files, cases, spooled);
                        }
                    } else {
                        run.set(name, in.readValueAsTree()); // the summary and each section: small beside the cases
                    }
                }
                cases.writeEndArray();
            }
            run.set("files", files);
            html.write("</script>\n<script type=\"application/json\" id=\"ps-report\">");
            try (JsonGenerator data = scriptData(html)) {
                data.writeTree(run);
            }
            html.write("</script>\n<script>");
            html.write(SCRIPT);
            html.write("</script>\n</body>\n</html>\n");
            html.flush();
        } catch (JsonProcessingException e) {
            throw new IOException("the JSON report cannot be read at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + " (is it a promptspec-report.json?)", e);
        }
    }

    /** One entry of {@code files}: its cases to the page's case list, the rest (name, problems) to the run's data. */
    private static void copyFile(JsonParser in, ArrayNode files, JsonGenerator cases, SpooledCases spooled) throws IOException {
        int index = files.size();
        ObjectNode file = files.addObject();
        int count = 0;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken value = in.nextToken();
            if (name.equals("testResults") && value == JsonToken.START_ARRAY && spooled != null) {
                in.skipChildren();
                count = spooled.write(index, cases);
            } else if (name.equals("testResults") && value == JsonToken.START_ARRAY) {
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    JsonLocation at = in.currentTokenLocation();
                    JsonNode record = in.readValueAsTree();
                    if (!(record instanceof ObjectNode testResult)) {
                        throw new IOException("a testResults entry is not an object (line " + at.getLineNr() + ", column "
                                + at.getColumnNr() + ")");
                    }
                    cases.writeTree(forPage(testResult, index));
                    count++;
                }
            } else {
                file.set(name, in.readValueAsTree());
            }
        }
        file.put("cases", count);
    }

    /**
     * The record as the page uses it: which file it belongs to, and its answer as sanitised HTML; without the request's
     * fingerprint, which the page does not show (a tenth of a short case's size).
     */
    private static ObjectNode forPage(ObjectNode record, int fileIndex) {
        record.remove("requestFingerprint");
        record.put("fileIndex", fileIndex);
        JsonNode response = record.get("modelResponse");
        if (response != null && response.isTextual()) {
            record.put("responseHtml", ResponseHtml.render(response.asText()));
        }
        return record;
    }

    /** JSON for a {@code <script>} block: {@code <} is written {@code \u003c}, so no text in it can close the block. */
    private static JsonGenerator scriptData(Writer html) throws IOException {
        JsonGenerator g = JSON.getFactory().createGenerator(html);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setCharacterEscapes(ScriptSafeEscapes.INSTANCE);
        return g;
    }

    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        static final ScriptSafeEscapes INSTANCE = new ScriptSafeEscapes();
        private final int[] escapes = standardAsciiEscapesForJSON();

        private ScriptSafeEscapes() {
            escapes['<'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null; // only standard escapes
        }
    }

    private static String head() {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta http-equiv="Content-Security-Policy" content="POLICY">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>PromptSpec report</title>
                <style>STYLE</style>
                </head>
                <body>
                <header><h1>PromptSpec report</h1><p id="ps-run"></p></header>
                <main>
                <section id="ps-summary" aria-label="Summary"></section>
                <div id="ps-sections"></div>
                <section id="ps-charts" aria-label="Charts"></section>
                <section id="ps-matrix" aria-label="Models side by side" hidden></section>
                <section id="ps-list" aria-label="Cases">
                <h2>Cases</h2>
                <form id="ps-filters" role="search"></form>
                <p id="ps-count"></p>
                <ol id="ps-rows"></ol>
                <div id="ps-more"></div>
                </section>
                </main>
                <noscript><p>This page needs JavaScript to show the cases; promptspec-report.json beside it holds the same data.</p></noscript>
                """.replace("POLICY", POLICY).replace("STYLE", STYLE); // the style holds '%': no format string
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the PromptSpec jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSP source for exactly this text. */
    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
