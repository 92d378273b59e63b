package dev.promptspec.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The example suites in {@code mutate} mode (docs/mutation-testing.md shows these numbers): each replays its recorded
 * answers, and its checks run on mutants of them. The seed prompt with only its acronym check lets the structure mutants
 * survive; its two Markdown evaluators (bold decisions, bulleted risks) kill them.
 */
class MutationScoresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEED = "prompts/cqrs-architect.prompt.yml";
    /** The structure mutants the seed prompt's two output rules are about. */
    private static final List<String> OUTPUT_RULE_OPERATORS = List.of("strip-bold", "bullets-to-paragraph", "flatten-headings");

    @TempDir
    Path dir;

    /**
     * Runs {@code selectors} in mutate mode (recordings from {@code recordings}, reports in a folder of their own): with
     * the default threshold (0) every one of the {@code cases} passes.
     */
    private JsonNode mutate(String name, Path recordings, int cases, DiscoverySelector... selectors) throws IOException {
        Path reports = dir.resolve(name + "-reports");
        EngineTestKit.engine("promptspec").configurationParameter("promptspec.mode", "mutate")
                .configurationParameter("promptspec.recordings.dir", recordings.toString())
                .configurationParameter("promptspec.reports.dir", reports.toString())
                .selectors(selectors).execute()
                .testEvents().assertStatistics(s -> s.failed(0).succeeded(cases));
        return JSON.readTree(reports.resolve("promptspec-mutation.json").toFile());
    }

    /** The seed file as it was before its Markdown evaluators: only the acronym check. */
    private Path seedBeforeItsMarkdownEvaluators() throws IOException {
        String strong = resource(SEED);
        String weak = strong.substring(0, strong.indexOf("  # The system prompt's two output rules"));
        Path file = dir.resolve("before/cqrs-architect.prompt.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, weak);
        // Its recordings: the seed's (the request is the same), where the recordings store looks for this file's.
        Path recordings = dir.resolve("before-recordings").resolve(file.toString().replaceFirst("^/+", "")
                .replace(".prompt.yml", ".recordings.yml"));
        Files.createDirectories(recordings.getParent());
        Files.copy(Path.of("src/test/promptspec/recordings/prompts/cqrs-architect.recordings.yml"), recordings);
        return file;
    }

    private static Map<String, String> statusesByOperator(JsonNode mutationFile) {
        Map<String, Set<String>> statuses = new LinkedHashMap<>();
        for (JsonNode c : mutationFile.get("files").get(0).get("cases")) {
            for (JsonNode m : c.get("mutants")) {
                statuses.computeIfAbsent(m.get("operator").asText(), o -> new LinkedHashSet<>()).add(m.get("status").asText());
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        statuses.forEach((operator, s) -> out.put(operator, String.join("+", s)));
        return out;
    }

    @Test
    void the_seed_prompt_s_markdown_evaluators_kill_the_structure_mutants_its_acronym_check_lets_survive() throws IOException {
        Path before = seedBeforeItsMarkdownEvaluators();
        JsonNode weak = mutate("before", dir.resolve("before-recordings"), 1, selectFile(before.toString()));
        JsonNode strong = mutate("after", Path.of("src/test/promptspec/recordings"), 1, selectClass(CqrsArchitectPromptTest.class));

        assertThat(statusesByOperator(weak)).as("before").containsAllEntriesOf(Map.of("strip-bold", "survived",
                "bullets-to-paragraph", "survived", "flatten-headings", "survived"));
        assertThat(statusesByOperator(strong)).as("after").containsAllEntriesOf(Map.of("strip-bold", "killed",
                "bullets-to-paragraph", "killed", "flatten-headings", "killed"));
        assertThat(List.of(weak.get("killed").asInt(), weak.get("applicable").asInt())).as("before: killed, applicable")
                .containsExactly(3, 27);
        assertThat(List.of(strong.get("killed").asInt(), strong.get("applicable").asInt())).as("after: killed, applicable")
                .containsExactly(8, 27);
    }

    @Test
    void every_example_suite_reports_its_mutation_score() throws IOException {
        JsonNode suite = mutate("suite", Path.of("src/test/promptspec/recordings"), 11, selectClass(CqrsArchitectPromptTest.class),
                selectClass(SupportTicketTriagePromptTest.class), selectClass(OrderStatusPromptTest.class),
                selectClass(ReleaseNotesPromptTest.class));

        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        for (JsonNode f : suite.get("files")) {
            byFile.put(f.get("file").asText(), List.of(f.get("killed").asInt(), f.get("applicable").asInt()));
        }
        assertThat(byFile).as("killed, applicable").containsOnly(
                Map.entry(SEED, List.of(8, 27)),
                Map.entry("prompts/support-ticket-triage.prompt.yml", List.of(78, 93)),
                Map.entry("prompts/support/order-status.prompt.yml", List.of(12, 12)),
                Map.entry("prompts/release-notes.prompt.yml", List.of(36, 43)));
        assertThat(suite.get("notCheckable").asInt()).as("the order-status judges' mutants").isEqualTo(15);
        assertThat(suite.get("score").asDouble()).isEqualTo(134.0 / 175);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MutationScoresTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
