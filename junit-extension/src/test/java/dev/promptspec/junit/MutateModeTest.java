package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.config.Keys;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/**
 * {@code promptspec.mode=mutate} through the engine: cases replay, a passing case is judged on its mutation score, a
 * failing or unrecorded case is reported as in replay mode, and the reports carry the mutation sections.
 */
class MutateModeTest {

    private static final String RECORDED_CASES = """
            name: Returns desk
            model: gpt-4o-mini
            messages:
              - role: system
                content: Items can be returned within 30 days, unworn. Answer in two sentences at most.
              - role: user
                content: "{{question}}"
            testData:
              - name: unopened trail runners
                question: I got trail runners 12 days ago, still in the box. Can I still return them?
              - name: worn jacket
                question: I wore my rain jacket on one hike last week. Can I return it?
            evaluators:
              - name: states the 30-day limit
                string: {contains: "30 days"}
              - name: two sentences at most
                length: {maxWords: 40}
            """;
    private static final String NEW_CASE = """
              - name: gift without receipt
                question: My aunt gave me a tent as a gift. Can I return it without the receipt?
            """;

    private static FakeOpenAiServer.Reply answer(FakeOpenAiServer.Received r) {
        return new FakeOpenAiServer.Completion(r.lastMessage("user").contains("trail runners")
                ? "Yes: unworn items can be returned within 30 days of purchase, so your trail runners qualify."
                        + " Start the return from your order page and we will email you a prepaid label."
                : "I'm sorry, a jacket that has been worn outdoors cannot be returned. You can still ask our team about a repair.");
    }

    @Test
    void a_passing_case_below_the_threshold_fails_listing_its_surviving_mutants(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("returns.prompt.yml");
        Path recordings = dir.resolve("recordings");
        Path reports = dir.resolve("reports");
        Files.writeString(file, RECORDED_CASES);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(MutateModeTest::answer)) {
            EngineKit.engine(Map.of("OPENAI_API_KEY", EngineKit.KEY)).configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                    .configurationParameter(Keys.MODE, "record").configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                    .configurationParameter(Keys.REPORTS_DIR, "none").selectors(selectFile(file.toString())).execute();
            Files.writeString(file, RECORDED_CASES.replace("evaluators:", NEW_CASE + "evaluators:"));
            int recorded = server.requests().size();

            EngineExecutionResults results = EngineKit.offline().configurationParameter(Keys.MODE, "mutate")
                    .configurationParameter(Keys.MUTATION_THRESHOLD, "0.6")
                    .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                    .configurationParameter(Keys.REPORTS_DIR, reports.toString())
                    .selectors(selectFile(file.toString())).execute();

            assertThat(server.requests()).as("mutate mode calls nothing").hasSize(recorded);
            results.testEvents().assertStatistics(s -> s.started(3).failed(3));
            results.testEvents().assertThatEvents()
                    .haveExactly(1, event(test(), displayName("unopened trail runners"), finishedWithFailure(
                            instanceOf(AssertionFailedError.class), message("""
                                    mutation score 0.57 (4 of 7 mutants killed) is below the threshold 0.60 for \
                                    'unopened trail runners' (%s:9:5)
                                    Surviving mutants (the checks still pass on them):
                                      drop-mentioned-sentences: line 1: -" Start the return from your order page a…(17 more)…you a prepaid label."
                                      negate: line 1: -"can" +"cannot"
                                      truncate-half: line 1: -" qualify. Start the return from your ord…(26 more)…you a prepaid label.\""""
                                    .formatted(file)))))
                    .haveExactly(1, event(test(), displayName("worn jacket"), finishedWithFailure(instanceOf(AssertionFailedError.class),
                            message(m -> m.startsWith("1 of 2 checks failed for 'worn jacket'")))))
                    .haveExactly(1, event(test(), displayName("gift without receipt"), finishedWithFailure(
                            instanceOf(ModelCallException.class), message(m -> m.contains(": no recorded response (looked in ")))));

            JsonNode mutation = new ObjectMapper().readTree(reports.resolve("promptspec-mutation.json").toFile());
            assertThat(mutation.get("score").asDouble()).isEqualTo(4.0 / 7);
            assertThat(mutation.get("threshold").asDouble()).isEqualTo(0.6);
            JsonNode cases = mutation.get("files").get(0).get("cases");
            assertThat(cases).extracting(c -> c.get("displayName").asText() + ": " + c.get("status").asText()).containsExactlyInAnyOrder(
                    "unopened trail runners: failed", "worn jacket: failed", "gift without receipt: error");
            JsonNode mutated = List.of(cases.get(0), cases.get(1), cases.get(2)).stream().filter(c -> c.has("mutants")).findFirst()
                    .orElseThrow();
            assertThat(mutated.get("survivingOperators")).extracting(JsonNode::asText)
                    .containsExactly("drop-mentioned-sentences", "negate", "truncate-half");
            assertThat(mutated.get("killedBy").toString()).isEqualTo("{\"states the 30-day limit\":3,\"two sentences at most\":1}");

            JsonNode report = new ObjectMapper().readTree(reports.resolve("promptspec-report.json").toFile());
            assertThat(report.get("mutation").toString()).isEqualTo("{\"score\":" + 4.0 / 7 + ",\"killed\":4,\"applicable\":7,"
                    + "\"threshold\":0.6,\"files\":[{\"file\":\"" + file.toString().replace("\\", "\\\\") + "\",\"score\":" + 4.0 / 7
                    + ",\"killed\":4,\"applicable\":7}]}");
            JsonNode record = null;
            for (JsonNode r : report.get("files").get(0).get("testResults")) {
                record = r.has("mutation") ? r : record;
            }
            assertThat(record.get("displayName").asText()).isEqualTo("unopened trail runners");
            assertThat(record.get("mutation").get("score").asDouble()).isEqualTo(4.0 / 7);
            assertThat(record.get("mutation").get("mutants").get(2).toString()).isEqualTo("{\"operator\":\"negate\","
                    + "\"status\":\"survived\",\"diff\":\"line 1: -\\\"can\\\" +\\\"cannot\\\"\"}");
            assertThat(Files.readString(reports.resolve("promptspec-summary.md"))).contains("### Mutation testing\n\n"
                    + "Suite mutation score **0.57**: 4 of 7 mutants killed (threshold 0.60)").contains("\n**unopened trail runners** — `"
                    + file + ":9` (failed)\n- mutation score 0.57 (4 of 7 mutants killed), below the threshold\n");
        }
    }
}
