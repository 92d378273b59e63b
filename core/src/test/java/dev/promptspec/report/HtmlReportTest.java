package dev.promptspec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.config.PriceTable;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML page's data, sanitising and policy, read from the page's text (the browser tests open it for real). */
class HtmlReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The text of the {@code <script>} element with {@code id}. */
    private static String block(String page, String id) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"" + id + "\">(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("the page has the data block " + id).isTrue();
        return m.group(1);
    }

    @Test
    void the_page_holds_every_case_with_its_file_and_sanitised_answer_and_the_runs_summary() throws Exception {
        String page = HtmlFixtures.page(Golden.report());

        JsonNode cases = JSON.readTree(block(page, "ps-cases"));
        JsonNode run = JSON.readTree(block(page, "ps-report"));
        assertThat(cases).extracting(c -> c.path("displayName").asText())
                .containsExactly("billing", "#2 ticket=\"Where is my parcel?\"", "#1", "#2");
        assertThat(cases).extracting(c -> run.path("files").get(c.path("fileIndex").asInt()).path("file").asText())
                .containsExactly("prompts/support-triage.prompt.yml", "prompts/support-triage.prompt.yml",
                        "prompts/release-notes.prompt.yml", "prompts/release-notes.prompt.yml");
        assertThat(cases.get(0).path("responseHtml").asText()).isEqualTo("<p>Category: billing\nPriority: high</p>\n");
        assertThat(cases.get(0).path("messages").get(1).path("content").asText()).isEqualTo("Classify the ticket");
        assertThat(cases.get(2).has("responseHtml")).as("a case without an answer").isFalse();
        assertThat(run.path("summary").path("failedTests").asInt()).isEqualTo(1);
        assertThat(run.path("files")).extracting(f -> f.path("file").asText() + ":" + f.path("cases").asInt())
                .containsExactly("prompts/support-triage.prompt.yml:2", "prompts/release-notes.prompt.yml:2", "prompts/broken.prompt.yml:0");
        assertThat(run.path("files").get(2).path("problems").get(0).path("message").asText()).isEqualTo("unknown key 'mesages'");
    }

    @Test
    void answers_are_rendered_as_markdown_with_no_script_no_handler_no_remote_image_and_no_script_link() {
        assertThat(ResponseHtml.render(HtmlFixtures.HOSTILE_ANSWER)).isEqualTo("""
                <p>Category: billing</p>
                <p>&lt;script&gt;window.__pwned = 'script';&lt;/script&gt;</p>
                <p>&lt;img src=&quot;missing.png&quot; onerror=&quot;window.__pwned = 'onerror'&quot;&gt;</p>
                <p>Please use <a rel="noopener noreferrer nofollow">the refund form</a> tracking pixel</p>
                """);
        assertThat(ResponseHtml.render("| Plan | Price |\n|---|---|\n| Pro | **$20** |\n\nSee [pricing](https://example.com/pricing)."))
                .isEqualTo("""
                        <table>
                        <thead>
                        <tr>
                        <th>Plan</th>
                        <th>Price</th>
                        </tr>
                        </thead>
                        <tbody>
                        <tr>
                        <td>Pro</td>
                        <td><strong>$20</strong></td>
                        </tr>
                        </tbody>
                        </table>
                        <p>See <a rel="noopener noreferrer nofollow" href="https://example.com/pricing">pricing</a>.</p>
                        """);
        assertThat(ResponseHtml.render("![chart](data:image/png;base64,iVBORw0KGgo=) ![x\"onerror=\"y](data:image/png;base64,AA==)"))
                .isEqualTo("<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"chart\" />"
                        + " <img src=\"data:image/png;base64,AA==\" alt=\"x&quot;onerror=&quot;y\" /></p>\n");
    }

    @Test
    void no_text_in_a_case_can_close_the_data_block_it_is_in() throws Exception {
        RunReport report = new RunReport(HtmlFixtures.STARTED);
        String answer = "Done.</script><script>window.__pwned = 1</script><!-- ";
        report.add(HtmlFixtures.outcome(HtmlFixtures.testCase(1, "</script>", "</script>", 3), "gpt-4o-mini", answer, 100, List.of()));

        String page = HtmlFixtures.page(report);

        assertThat(page).doesNotContain("<script>window").doesNotContain("<!-- ");
        assertThat(Pattern.compile("</script>").matcher(page).results().count()).as("the two data blocks and the page's script").isEqualTo(3);
        JsonNode c = JSON.readTree(block(page, "ps-cases")).get(0);
        assertThat(c.path("modelResponse").asText()).isEqualTo(answer);
        assertThat(c.path("case").asText()).isEqualTo("</script>");
    }

    @Test
    void the_policy_runs_only_the_pages_own_script_and_style_and_loads_nothing() throws Exception {
        String page = HtmlFixtures.page(Golden.report());

        Matcher policy = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").matcher(page);
        assertThat(policy.find()).isTrue();
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertThat(script.find()).isTrue();
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page);
        assertThat(style.find()).isTrue();
        assertThat(policy.group(1)).isEqualTo("default-src 'none'; script-src '" + sha256(script.group(1)) + "'; style-src '"
                + sha256(style.group(1)) + "'; img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'");
        assertThat(page).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
    }

    private static String sha256(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sections_of_other_features_and_unknown_ones_are_kept_in_the_pages_data() throws Exception {
        JsonNode run = JSON.readTree(block(HtmlFixtures.page(HtmlFixtures.withSections(HtmlFixtures.twoModels())), "ps-report"));

        assertThat(run.path("baseline").path("newlyFailing").get(0).path("case").asText()).isEqualTo("parcel");
        assertThat(run.path("mutation").path("killed").asInt()).isEqualTo(3);
        assertThat(run.path("batch").path("jobs").get(0).path("id").asText()).isEqualTo("batch_6721");
        assertThat(run.path("shard").path("count").asInt()).isEqualTo(2);
        assertThat(run.path("aSectionFromTheFuture").path("anything").asText()).isEqualTo("at all");
    }

    @Test
    void a_document_that_is_not_a_report_is_an_error_saying_where() {
        assertThatThrownBy(() -> HtmlReport.write(new StringReader("[1, 2]"), new StringWriter()))
                .isInstanceOf(IOException.class)
                .hasMessage("not a PromptSpec JSON report: it does not start with an object (line 1, column 2)");
        assertThatThrownBy(() -> HtmlReport.write(new StringReader("{\n  \"files\" : [ {\n    \"testResults\" : [ {\"case\": } ]"),
                new StringWriter()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the JSON report cannot be read at line 3, column 32: Unexpected character ('}' (code 125))")
                .hasMessageEndingWith("(is it a promptspec-report.json?)");
        assertThatThrownBy(() -> HtmlReport.write(new StringReader("{\"files\": [{\"testResults\": [\"a case\"]}]}"), new StringWriter()))
                .isInstanceOf(IOException.class)
                .hasMessage("a testResults entry is not an object (line 1, column 29)");
    }

    @Test
    void the_writer_puts_the_page_beside_the_json_report(@TempDir Path dir) throws Exception {
        List<Path> written = ReportWriter.write(Golden.report(), dir, HtmlFixtures.FINISHED);

        assertThat(written).containsExactly(dir.resolve(ReportWriter.JSON_FILE), dir.resolve(ReportWriter.MARKDOWN_FILE),
                dir.resolve(ReportWriter.HTML_FILE));
        String page = Files.readString(dir.resolve(ReportWriter.HTML_FILE));
        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(JSON.readTree(block(page, "ps-cases"))).hasSize(4);
    }

    /**
     * A run's page takes its cases from the records made when each case ended, not from the JSON report: it must be
     * the very page that the JSON report makes (as a merged report's page is made), byte for byte; and the JSON file,
     * whose records are copied as bytes, must be the report's text.
     */
    @Test
    void a_runs_page_is_the_page_of_its_json_report(@TempDir Path dir) throws Exception {
        RunReport unusual = new RunReport(HtmlFixtures.STARTED, PriceTable.defaults());
        unusual.add(HtmlFixtures.outcome(HtmlFixtures.testCase(1, "accents", "Où est mon colis ? \uD83D\uDCE6", 7), "gpt-4o-mini",
                "Résumé — **livré** ✅ \uD83D\uDE00, a `<b>` tag, a lone \uD800 surrogate and a [link](javascript:alert(1))\n\n"
                        + "| a | b |\n|---|---|\n| 1 | 2 |\n", 5, List.of(HtmlFixtures.check("category", false, "does not contain \"</script>\""))));
        List<RunReport> reports = List.of(Golden.report(), HtmlFixtures.hostile(), HtmlFixtures.flaky(), HtmlFixtures.twoModels(),
                HtmlFixtures.shortCases(120), unusual);
        for (int i = 0; i < reports.size(); i++) {
            Path out = dir.resolve("run-" + i);
            try (RunReport report = reports.get(i)) {
                ReportWriter.write(report, out, HtmlFixtures.FINISHED);
                // the file, its records copied as bytes, is the text the report renders to
                assertThat(Files.readString(out.resolve(ReportWriter.JSON_FILE))).as("report %d", i)
                        .isEqualTo(JsonReport.render(report, HtmlFixtures.FINISHED));
            }
            String fromJson = HtmlFixtures.page(Files.readString(out.resolve(ReportWriter.JSON_FILE)));
            assertThat(Files.readString(out.resolve(ReportWriter.HTML_FILE))).as("report %d", i).isEqualTo(fromJson);
        }
    }

    /** The bound: 10,000 short cases make a page a CI artifact viewer opens without trouble. */
    @Test
    void ten_thousand_short_cases_make_a_page_under_15_mb(@TempDir Path dir) throws Exception {
        try (RunReport report = HtmlFixtures.shortCases(10_000)) {
            ReportWriter.write(report, dir, HtmlFixtures.FINISHED);
        }

        assertThat(Files.size(dir.resolve(ReportWriter.HTML_FILE))).isLessThan(15L * 1024 * 1024);
        assertThat(JSON.readTree(block(Files.readString(dir.resolve(ReportWriter.HTML_FILE)), "ps-cases"))).hasSize(10_000);
    }
}
