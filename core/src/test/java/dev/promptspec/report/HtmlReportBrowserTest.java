package dev.promptspec.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real headless Chromium: it loads with no error and no request, shows what failed, filters,
 * renders rows as the reader scrolls, and no model answer runs anything. Skipped where no Chromium is installed
 * ({@code .ci/run} installs Debian's {@code chromium}).
 */
class HtmlReportBrowserTest {

    private static HeadlessChromium browser;
    /** Not a {@code @TempDir}: Chromium links its socket from there to a folder of its own, which JUnit warns of. */
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws Exception {
        Path chromium = HeadlessChromium.executable().orElse(null);
        Assumptions.assumeTrue(chromium != null,
                "no chromium on the PATH: the HTML report's browser tests need it (Debian: apt-get install chromium)");
        profile = Files.createTempDirectory("promptspec-chromium-");
        browser = HeadlessChromium.start(chromium, profile);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Writes the reports of {@code report} into {@code dir} and opens the page; nothing it did is a problem. */
    private static Path open(RunReport report, Path dir) throws Exception {
        ReportWriter.write(report, dir, HtmlFixtures.FINISHED);
        Path page = dir.resolve(ReportWriter.HTML_FILE);
        browser.open(page);
        return page;
    }

    private static String text(String selector) throws Exception {
        return browser.eval("(function(){var e=document.querySelector('" + selector + "');return e?e.innerText:null;})()").asText();
    }

    private static List<String> statuses() throws Exception {
        JsonNode all = browser.eval("Array.from(document.querySelectorAll('#ps-rows > li')).map(function(li){return li.dataset.status;})");
        List<String> out = new ArrayList<>();
        all.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void the_page_loads_offline_shows_the_failing_detail_and_the_filter_hides_passing_cases(@TempDir Path dir) throws Exception {
        Path page = open(Golden.report(), dir);

        assertThat(browser.problems()).isEmpty();
        assertThat(browser.requestsBesides(page)).isEmpty();
        assertThat(text("[data-key=failed] .value")).isEqualTo("1");
        assertThat(text("[data-key=pass-rate] .value")).isEqualTo("40%");
        assertThat(text("#ps-rows")).contains("category (string): does not contain \"refund\"");
        assertThat(text("#ps-invalid")).contains("prompts/broken.prompt.yml").contains("unknown key 'mesages'");
        assertThat(browser.eval("document.querySelectorAll('#ps-charts figure svg rect').length").asInt()).isPositive();
        assertThat(browser.eval("Array.from(document.querySelectorAll('#ps-charts figcaption')).map(function(f){return f.textContent;})"))
                .extracting(JsonNode::asText).containsExactly("Pass rate per file", "Latency (3 answers)", "Cost per model (replays priced as live)");
        assertThat(statuses()).containsExactly("error", "failed", "passed", "passed");

        browser.eval("(function(){var s=document.getElementById('ps-filter-status');s.value='not-passed';"
                + "s.dispatchEvent(new Event('change'));})()");

        assertThat(statuses()).containsExactly("error", "failed");
        assertThat(text("#ps-count")).isEqualTo("2 of 4 cases");

        browser.click("#ps-rows > li.failed .case-head");

        assertThat(text("#ps-rows > li.failed .case-body")).contains("You triage support tickets.").contains("Classify the ticket")
                .contains("Category: shipping").contains("does not contain \"refund\"");
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void an_answer_holding_script_an_event_handler_and_a_script_link_runs_none_of_them(@TempDir Path dir) throws Exception {
        Path page = open(HtmlFixtures.hostile(), dir);

        browser.click("#ps-rows > li .case-head");
        browser.click("#ps-rows .response a");

        assertThat(browser.eval("typeof window.__pwned").asText()).isEqualTo("undefined");
        assertThat(text("#ps-rows .response")).contains("<script>window.__pwned = 'script';</script>")
                .contains("<img src=\"missing.png\" onerror=").contains("tracking pixel");
        assertThat(browser.eval("document.querySelectorAll('.response script, .response [onerror], .response img, .response a[href]').length")
                .asInt()).isZero();
        assertThat(browser.requestsBesides(page)).as("no image, script or link was fetched").isEmpty();
        assertThat(browser.problems()).isEmpty();
    }

    /** Defence in depth: were HTML to get past the sanitiser, the page's policy still runs no handler and loads nothing. */
    @Test
    void the_pages_policy_blocks_an_inline_handler_even_inserted_as_html(@TempDir Path dir) throws Exception {
        Path page = open(HtmlFixtures.hostile(), dir);

        browser.eval("(function(){var d=document.createElement('div');"
                + "d.innerHTML='<img src=\"data:,\" onerror=\"window.__pwned=1\"><img src=\"https://tracker.example/p.png\">';"
                + "document.body.appendChild(d);return new Promise(function(r){setTimeout(r,200);});})()");

        assertThat(browser.eval("typeof window.__pwned").asText()).isEqualTo("undefined");
        assertThat(browser.requestsBesides(page)).containsExactly("https://tracker.example/p.png");
        assertThat(browser.blockedRequests()).containsExactly("https://tracker.example/p.png csp");
        assertThat(browser.problems()).hasSize(2).allMatch(p -> p.contains("violates the following Content Security Policy directive"));
    }

    @Test
    void sections_of_other_features_and_a_prompt_by_model_matrix_are_shown(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("merged.html");
        Files.writeString(page, HtmlFixtures.page(HtmlFixtures.withSections(HtmlFixtures.twoModels())));
        browser.open(page);

        assertThat(browser.problems()).isEmpty();
        assertThat(text("#ps-run")).isEqualTo("Started 2026-11-26 10:00:00 UTC · shard 1 of 2 · suite sha256:3f1c");
        assertThat(text("#ps-baseline")).contains("baseline/promptspec-report.json (run of 2026-11-25T10:00:05Z)")
                .contains("McNemar: 1 passed then failed, 0 failed then passed, p = 1 (not significant)")
                .contains("Newly failing (1)").contains("Removed (1)").contains("outage");
        assertThat(text("#ps-mutation")).contains("Score 75%: 3 of 4 mutants killed (threshold 60%)");
        assertThat(text("#ps-batch")).contains("4 calls submitted in batches").contains("batch_6721");
        assertThat(browser.eval("Array.from(document.querySelectorAll('#ps-matrix th')).map(function(t){return t.textContent;})"))
                .extracting(JsonNode::asText).containsExactly("Case", "gpt-4.1", "gpt-4o-mini");
        assertThat(text("#ps-matrix tbody tr:nth-child(2)")).startsWith(HtmlFixtures.TRIAGE + " · parcel")
                .contains("PASSED 1 · $0.00047 · 1.4 s").contains("FAILED 0 · $0.000035 · 580 ms");
        assertThat(text("#ps-rows > li.failed")).contains("NEWLY-FAILING");

        browser.click("#ps-rows > li.failed .case-head");

        assertThat(text("#ps-rows > li.failed .case-body")).contains("drop-section").contains("SURVIVED"); // badges are upper case
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void a_flaky_sampled_case_is_counted_found_by_the_flaky_filter_and_shows_its_samples(@TempDir Path dir) throws Exception {
        open(HtmlFixtures.flaky(), dir);

        assertThat(text("[data-key=flaky] .value")).isEqualTo("1");
        browser.eval("(function(){var s=document.getElementById('ps-filter-status');s.value='flaky';"
                + "s.dispatchEvent(new Event('change'));})()");
        assertThat(text("#ps-count")).isEqualTo("1 of 2 cases");
        assertThat(text("#ps-rows")).contains("parcel").contains("FLAKY");

        browser.click("#ps-rows > li .case-head");

        assertThat(text("#ps-rows .case-body")).contains("2 of 3 samples passed")
                .contains("2\tFAILED\t0\tcategory\t\nCategory: billing\nPriority: low")
                .contains("$0.00011"); // every sample's call: 3 × (140 in + 24 out at gpt-4o-mini's price)
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void ten_thousand_cases_render_as_the_reader_scrolls(@TempDir Path dir) throws Exception {
        Path page = open(HtmlFixtures.shortCases(10_000), dir);

        assertThat(browser.problems()).isEmpty();
        assertThat(text("#ps-count")).isEqualTo("10,000 of 10,000 cases");
        assertThat(statuses()).hasSize(100);

        browser.eval("window.scrollTo(0, document.body.scrollHeight)");
        int rows = 100;
        for (int i = 0; i < 100 && rows == 100; i++) {
            Thread.sleep(50); // the next rows come with the browser's next intersection check
            rows = statuses().size();
        }

        assertThat(rows).isEqualTo(200);
        assertThat(browser.requestsBesides(page)).isEmpty();
    }
}
