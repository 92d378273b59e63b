package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.config.Keys;
import dev.promptspec.report.Merge;
import dev.promptspec.report.ReportWriter;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.FakeTiming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code promptspec.shard=k/n}: real runs of each shard, merged with {@link Merge}, against the run of the whole suite.
 */
class ShardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @PromptSpec({"prompts/triage", "prompts/basic", "prompts/mixed"})
    static class Suite {
    }

    @PromptSpec("prompts/triage")
    static class AnotherSuite {
    }

    /** Runs {@code suite} (a shard of it when {@code shard} is set) and returns its reports' directory. */
    private static Path run(FakeOpenAiServer server, Path dir, Class<?> suite, String shard) {
        Path reports = dir.resolve(shard == null ? "whole" : "shard-" + shard.replace('/', '-'));
        var kit = EngineKit.live(server).configurationParameter(Keys.REPORTS_DIR, reports.toString()).selectors(selectClass(suite));
        if (shard != null) {
            kit.configurationParameter(Keys.SHARD, shard);
        }
        kit.execute();
        return reports.resolve(ReportWriter.JSON_FILE);
    }

    /** Every case of a report as "file | case | status", and each invalid file as "file | error". */
    private static List<String> cases(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode file : report.path("files")) {
            if (file.has("status")) {
                out.add(file.path("file").asText() + " | " + file.path("status").asText());
            }
            for (JsonNode c : file.path("testResults")) {
                out.add(file.path("file").asText() + " | " + c.path("case").asText() + " | " + c.path("status").asText());
            }
        }
        return out;
    }

    private static Set<String> tableRows(Path markdown) throws Exception {
        Set<String> rows = new TreeSet<>();
        Files.readString(markdown).lines().filter(l -> l.startsWith("| `")).forEach(rows::add);
        return rows;
    }

    @Test
    void two_shards_run_disjoint_shares_of_the_suite_and_merge_into_what_the_whole_run_reports(@TempDir Path dir) throws Exception {
        Path whole;
        Path first;
        Path second;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            whole = run(server, dir, Suite.class, null);
            first = run(server, dir, Suite.class, "1/2");
            second = run(server, dir, Suite.class, "2/2");
        }
        JsonNode all = JSON.readTree(whole.toFile());
        JsonNode one = JSON.readTree(first.toFile());
        JsonNode two = JSON.readTree(second.toFile());

        assertThat(cases(all)).hasSize(9); // 8 cases and the invalid file
        assertThat(cases(one)).isNotEmpty().doesNotContainAnyElementsOf(cases(two));
        List<String> union = new ArrayList<>(cases(one));
        union.addAll(cases(two));
        assertThat(union).containsExactlyInAnyOrderElementsOf(cases(all));
        assertThat(cases(one)).as("the invalid file is the first shard's").contains("prompts/mixed/broken.prompt.yml | error");
        assertThat(one.path("shard").toString()).isEqualTo("{\"index\":1,\"count\":2}");
        assertThat(two.path("shard").toString()).isEqualTo("{\"index\":2,\"count\":2}");
        assertThat(one.path("suite").asText()).startsWith("sha256:").isEqualTo(two.path("suite").asText());
        assertThat(all.has("shard")).isFalse();

        Path out = dir.resolve("merged");
        assertThat(Merge.merge(out, List.of(second, first))).containsExactly(out.resolve(ReportWriter.JSON_FILE),
                out.resolve(ReportWriter.MARKDOWN_FILE), out.resolve(ReportWriter.HTML_FILE));
        assertThat(Files.readString(out.resolve(ReportWriter.HTML_FILE))).contains("dashboard down", "prompts/mixed/broken.prompt.yml");
        JsonNode merged = JSON.readTree(out.resolve(ReportWriter.JSON_FILE).toFile());
        assertThat(cases(merged)).containsExactlyInAnyOrderElementsOf(cases(all));
        for (String count : List.of("totalTests", "passedTests", "failedTests", "erroredTests", "abortedTests", "invalidFiles",
                "replayedResponses", "liveResponses", "passRate")) {
            assertThat(merged.path("summary").path(count)).as(count).isEqualTo(all.path("summary").path(count));
        }
        assertThat(merged.path("summary").path("usage")).isEqualTo(all.path("summary").path("usage"));
        assertThat(merged.path("suite")).isEqualTo(one.path("suite"));
        Path wholeMarkdown = whole.resolveSibling(ReportWriter.MARKDOWN_FILE);
        assertThat(tableRows(out.resolve(ReportWriter.MARKDOWN_FILE))).isEqualTo(tableRows(wholeMarkdown)).hasSize(4);
        String mergedMarkdown = Files.readString(out.resolve(ReportWriter.MARKDOWN_FILE));
        assertThat(mergedMarkdown).contains("**5 of 9 tests passed** (56%) · 4 files (1 invalid)")
                .contains("**dashboard down** — `prompts/triage/triage.prompt.yml:24` (failed)\n- expected (contains): does not contain the expected \"incident\"")
                .contains("**broken.prompt.yml (invalid: 2 errors)** — `prompts/mixed/broken.prompt.yml` (error: cannot run)");
    }

    @Test
    void a_shard_without_cases_still_writes_its_reports_for_the_merge(@TempDir Path dir) throws Exception {
        Path report;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            report = run(server, dir, AnotherSuite.class, "7/1000"); // none of the 5 cases hashes to this shard
            assertThat(server.requests()).isEmpty();
        }

        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("summary").path("totalTests").asInt()).isZero();
        assertThat(json.path("shard").toString()).isEqualTo("{\"index\":7,\"count\":1000}");
        assertThat(json.path("suite").asText()).startsWith("sha256:");
    }

    @PromptSpec("prompts/basic")
    static class Greetings {
    }

    @PromptSpec("prompts/mixed/good.prompt.yml")
    static class French {
    }

    /**
     * Surefire's way: discover each class alone, then run only the classes that hold a test. A class whose cases are
     * all in other shards is then not in the run's discovery, yet every shard reports the same suite.
     */
    @Test
    void shards_run_as_surefire_runs_them_report_one_suite_and_merge(@TempDir Path dir) throws Exception {
        List<Path> reports = new ArrayList<>();
        List<Class<?>> dropped = new ArrayList<>();
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            for (String shard : List.of("1/2", "2/2")) {
                Path out = dir.resolve("shard-" + shard.charAt(0));
                PromptSpecTestEngine engine = PromptSpecTestEngine.withEnvironment(Map.of("OPENAI_API_KEY", EngineKit.KEY),
                        new FakeTiming());
                List<org.junit.platform.engine.DiscoverySelector> withTests = new ArrayList<>();
                for (Class<?> c : List.of(Greetings.class, French.class)) {
                    boolean holdsATest = kit(engine, server, shard, out).selectors(selectClass(c)).discover().getEngineDescriptor()
                            .getDescendants().stream().anyMatch(TestDescriptor::isTest);
                    if (holdsATest) {
                        withTests.add(selectClass(c));
                    } else {
                        dropped.add(c);
                    }
                }
                kit(engine, server, shard, out).selectors(withTests.toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                        .execute();
                reports.add(out.resolve(ReportWriter.JSON_FILE));
            }
        }
        assertThat(dropped).as("a class with no case in one shard, as this test needs").isNotEmpty();

        assertThat(JSON.readTree(reports.get(0).toFile()).path("suite"))
                .isEqualTo(JSON.readTree(reports.get(1).toFile()).path("suite"));
        Merge.merge(dir.resolve("merged"), reports);
        JsonNode merged = JSON.readTree(dir.resolve("merged").resolve(ReportWriter.JSON_FILE).toFile());
        assertThat(cases(merged)).containsExactlyInAnyOrder("prompts/basic/greeting.prompt.yml | Ada | passed",
                "prompts/basic/greeting.prompt.yml | Grace | passed", "prompts/mixed/good.prompt.yml | Camille | passed");
    }

    private static EngineTestKit.Builder kit(PromptSpecTestEngine engine, FakeOpenAiServer server, String shard, Path reports) {
        return EngineTestKit.engine(engine).enableImplicitConfigurationParameters(false)
                .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl()).configurationParameter(Keys.MODE, "live")
                .configurationParameter(Keys.SHARD, shard).configurationParameter(Keys.REPORTS_DIR, reports.toString());
    }

    @Test
    void merge_refuses_other_suites_a_shard_twice_a_missing_shard_and_a_case_in_two_reports(@TempDir Path dir) throws Exception {
        Path first;
        Path second;
        Path other;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            first = run(server, dir, Suite.class, "1/2");
            second = run(server, dir, Suite.class, "2/2");
            other = run(server, dir.resolve("other"), AnotherSuite.class, "2/2");
        }
        Path out = dir.resolve("merged");

        assertThatThrownBy(() -> Merge.merge(out, List.of(first, other))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(first + " and " + other + " are reports of different suites (their prompt files or cases"
                        + " differ: sha256:");
        assertThatThrownBy(() -> Merge.merge(out, List.of(first, second, first)))
                .hasMessage("shard 1/2 is given twice: " + first + " and " + first);
        assertThatThrownBy(() -> Merge.merge(out, List.of(second))).hasMessage("shard 1/2 is missing; give the report of every"
                + " shard (a merge of some would read as the whole suite)");
        // A report edited to claim the second shard holds the first shard's cases.
        ObjectNode relabelled = (ObjectNode) JSON.readTree(first.toFile());
        ((ObjectNode) relabelled.path("shard")).put("index", 2);
        Path overlapping = Files.writeString(dir.resolve("overlapping.json"), relabelled.toString());
        assertThatThrownBy(() -> Merge.merge(out, List.of(first, overlapping))).hasMessageContaining(" is in both " + first
                + " (shard 1/2) and " + overlapping + " (shard 2/2); the shards overlap");
        Path whole = Files.writeString(dir.resolve("whole.json"), "{\"tool\": \"PromptSpec\", \"files\": []}");
        assertThatThrownBy(() -> Merge.merge(out, List.of(whole))).hasMessage(whole + " is not a shard's report (it has no"
                + " \"shard\"): run each job with promptspec.shard=k/n, then merge their reports");
        assertThat(out).doesNotExist();
    }

    @Test
    void a_shard_runs_only_its_cases_and_reports_them_as_tests() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            Set<String> ids = new HashSet<>();
            long total = 0;
            for (String shard : List.of("1/3", "2/3", "3/3")) {
                var results = EngineKit.live(server).configurationParameter(Keys.REPORTS_DIR, "none")
                        .configurationParameter(Keys.SHARD, shard).selectors(selectClass(Suite.class)).execute();
                results.testEvents().started().stream().forEach(e -> ids.add(e.getTestDescriptor().getUniqueId().toString()));
                total += results.testEvents().started().count();
            }
            assertThat(total).as("each test runs in one shard only").isEqualTo(ids.size()).isEqualTo(9);
        }
    }
}
