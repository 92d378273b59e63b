package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.promptspec.config.Keys;
import dev.promptspec.report.ReportWriter;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Each case run on several models, each run its own test: the tree, the ids IDEs rerun, the report, the recordings, and
 * what leaves a run on one model as it was.
 */
class SeveralModelsEngineTest {

    private static final String SUMMARY = """
            name: Release summary
            model: gpt-4o
            %s
            messages:
              - role: system
                content: Summarise the release for customers in one sentence that starts with the version.
              - role: user
                content: "Version {{version}}: {{changes}}"
            testData:
              - name: search
                version: "2.4"
                changes: search results appear in under 200 ms; CSV exports use the workspace time zone
              - name: security
                version: "2.5"
                changes: sessions are renewed at sign-in, closing a session fixation issue
            evaluators:
              - name: starts with the version
                string: {startsWith: "{{version}}"}
            """;

    @TempDir
    Path project;

    /** The larger model follows the instruction; the smaller one opens with a phrase instead of the version. */
    private static FakeOpenAiServer.Reply answer(FakeOpenAiServer.Received r) {
        String user = r.lastMessage("user");
        boolean search = user.contains("2.4");
        if (r.model().equals("gpt-4o-mini")) {
            return new FakeOpenAiServer.Completion(search
                    ? "In this release, version 2.4 makes search results appear in under 200 ms and fixes CSV time zones."
                    : "In this release, version 2.5 renews sessions at sign-in to close a session fixation issue.");
        }
        return new FakeOpenAiServer.Completion(search
                ? "2.4 makes search results appear in under 200 ms and CSV exports use your workspace time zone."
                : "2.5 renews your session at every sign-in, closing a session fixation issue.");
    }

    private Path prompt(String models) throws Exception {
        Path file = project.resolve("summary.prompt.yml");
        Files.writeString(file, SUMMARY.formatted(models));
        return file;
    }

    private EngineTestKit.Builder live(FakeOpenAiServer server) {
        return EngineKit.live(server).configurationParameter(Keys.REPORTS_DIR, project.resolve("reports").toString());
    }

    private static UniqueId fileId(Path file) {
        return UniqueId.forEngine(Constants.ENGINE_ID).append("path", PromptSpecSelectorResolver.displayPath(file));
    }

    private static List<TestDescriptor> tests(TestDescriptor root) {
        List<TestDescriptor> tests = new ArrayList<>();
        root.accept(d -> {
            if (d.isTest()) {
                tests.add(d);
            }
        });
        return tests;
    }

    @Test
    void each_case_is_a_container_with_a_test_per_model_named_after_both() throws Exception {
        Path file = prompt("");
        TestDescriptor root = EngineKit.offline().configurationParameter(Keys.MODELS, "gpt-4o,gpt-4o-mini")
                .selectors(selectFile(file.toString())).discover().getEngineDescriptor();

        UniqueId search = fileId(file).append("case", "search");
        assertThat(tests(root)).extracting(TestDescriptor::getUniqueId).containsExactly(
                search.append("model", "gpt-4o"), search.append("model", "gpt-4o-mini"),
                fileId(file).append("case", "security").append("model", "gpt-4o"),
                fileId(file).append("case", "security").append("model", "gpt-4o-mini"));
        assertThat(tests(root)).extracting(TestDescriptor::getDisplayName).containsExactly("search [gpt-4o]",
                "search [gpt-4o-mini]", "security [gpt-4o]", "security [gpt-4o-mini]");
        TestDescriptor searchCase = root.findByUniqueId(search).orElseThrow();
        assertThat(searchCase.isContainer()).isTrue();
        assertThat(searchCase.getDisplayName()).isEqualTo("search");
        assertThat(searchCase.getSource()).isEqualTo(tests(root).get(0).getSource()).isPresent();
        assertThat(tests(root).get(1).getLegacyReportingName()).isEqualTo("summary.prompt.yml: search [gpt-4o-mini]");
    }

    @Test
    void every_model_runs_and_the_report_gives_each_record_its_model_and_the_case_its_key() throws Exception {
        Path file = prompt("");
        EngineExecutionResults results;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SeveralModelsEngineTest::answer)) {
            results = live(server).configurationParameter(Keys.MODELS, "gpt-4o,gpt-4o-mini").selectors(selectFile(file.toString()))
                    .execute();
            assertThat(server.requests()).extracting(FakeOpenAiServer.Received::model)
                    .containsExactlyInAnyOrder("gpt-4o", "gpt-4o", "gpt-4o-mini", "gpt-4o-mini");
        }
        results.testEvents().assertStatistics(s -> s.started(4).succeeded(2).failed(2));
        assertThat(results.testEvents().failed().map(e -> e.getTestDescriptor().getDisplayName()).toList())
                .containsExactlyInAnyOrder("search [gpt-4o-mini]", "security [gpt-4o-mini]");

        JsonNode records = new ObjectMapper().readTree(project.resolve("reports").resolve(ReportWriter.JSON_FILE).toFile())
                .path("files").get(0).path("testResults");
        assertThat(StreamSupport.stream(records.spliterator(), false)
                .map(r -> r.path("case").asText() + "|" + r.path("model").asText() + "|" + r.path("displayName").asText() + "|"
                        + r.path("status").asText()))
                .containsExactlyInAnyOrder("search|gpt-4o|search [gpt-4o]|passed", "search|gpt-4o-mini|search [gpt-4o-mini]|failed",
                        "security|gpt-4o|security [gpt-4o]|passed", "security|gpt-4o-mini|security [gpt-4o-mini]|failed");
    }

    @Test
    void selecting_one_model_s_unique_id_reruns_only_that_case_on_that_model() throws Exception {
        Path file = prompt("");
        UniqueId id = fileId(file).append("case", "security").append("model", "gpt-4o-mini");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SeveralModelsEngineTest::answer)) {
            EngineExecutionResults results = live(server).configurationParameter(Keys.MODELS, "gpt-4o,gpt-4o-mini")
                    .selectors(selectUniqueId(id)).execute();

            assertThat(results.testEvents().started().map(e -> e.getTestDescriptor().getUniqueId()).toList()).containsExactly(id);
            assertThat(server.requests()).singleElement().satisfies(r -> {
                assertThat(r.model()).isEqualTo("gpt-4o-mini");
                assertThat(r.lastMessage("user")).startsWith("Version 2.5:");
            });
        }
    }

    @Test
    void selecting_a_case_by_its_line_or_its_id_runs_it_on_every_model() throws Exception {
        Path file = prompt("");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SeveralModelsEngineTest::answer)) {
            EngineExecutionResults byLine = live(server).configurationParameter(Keys.MODELS, "gpt-4o,gpt-4o-mini")
                    .selectors(selectFile(file.toString(), FilePosition.from(15))).execute();
            EngineExecutionResults byId = live(server).configurationParameter(Keys.MODELS, "gpt-4o,gpt-4o-mini")
                    .selectors(selectUniqueId(fileId(file).append("case", "security"))).execute();

            for (EngineExecutionResults results : List.of(byLine, byId)) {
                assertThat(results.testEvents().succeeded().map(e -> e.getTestDescriptor().getDisplayName()).toList())
                        .containsExactly("security [gpt-4o]");
                assertThat(results.testEvents().failed().map(e -> e.getTestDescriptor().getDisplayName()).toList())
                        .containsExactly("security [gpt-4o-mini]");
            }
        }
    }

    @Test
    void a_file_s_models_win_over_the_key_and_an_unknown_model_id_selects_nothing() throws Exception {
        Path file = prompt("models: [gpt-4o-mini, o3-mini]");
        TestDescriptor root = EngineKit.offline().configurationParameter(Keys.MODELS, "gpt-4o,gpt-4o-mini")
                .selectors(selectFile(file.toString())).discover().getEngineDescriptor();
        assertThat(tests(root)).extracting(TestDescriptor::getDisplayName).containsExactly("search [gpt-4o-mini]", "search [o3-mini]",
                "security [gpt-4o-mini]", "security [o3-mini]");

        TestDescriptor none = EngineKit.offline().selectors(selectUniqueId(fileId(file).append("case", "search")
                .append("model", "gpt-4o"))).discover().getEngineDescriptor();
        assertThat(tests(none)).as("gpt-4o is not among the file's models").isEmpty();
    }

    @Test
    void without_models_the_ids_and_names_are_those_of_a_run_on_one_model() throws Exception {
        Path file = prompt("");
        TestDescriptor root = EngineKit.offline().selectors(selectFile(file.toString())).discover().getEngineDescriptor();
        assertThat(tests(root)).extracting(TestDescriptor::getUniqueId).containsExactly(fileId(file).append("case", "search"),
                fileId(file).append("case", "security"));
        assertThat(tests(root)).extracting(TestDescriptor::getDisplayName).containsExactly("search", "security");

        TestDescriptor overridden = EngineKit.offline().configurationParameter(Keys.MODEL, "gpt-4o-mini")
                .selectors(selectFile(prompt("models: [gpt-4o, o3-mini]").toString())).discover().getEngineDescriptor();
        assertThat(tests(overridden)).as("promptspec.model runs every file on its one model, models: or not")
                .extracting(TestDescriptor::getDisplayName).containsExactly("search", "security");
    }

    @Test
    void two_models_record_then_replay_without_a_key_each_its_own_answer() throws Exception {
        Path file = prompt("models: [gpt-4o, gpt-4o-mini]");
        Path recordings = project.resolve("recordings");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SeveralModelsEngineTest::answer)) {
            EngineKit.engine(Map.of("OPENAI_API_KEY", EngineKit.KEY)).configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                    .configurationParameter(Keys.MODE, "record").configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                    .selectors(selectFile(file.toString())).execute().testEvents().assertStatistics(s -> s.started(4).succeeded(2));
        }
        EngineExecutionResults replay = EngineKit.offline().configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                .selectors(selectFile(file.toString())).execute();

        replay.testEvents().assertStatistics(s -> s.started(4).succeeded(2).failed(2));
        assertThat(replay.testEvents().reportingEntryPublished().map(SeveralModelsEngineTest::responseEntry).toList())
                .allSatisfy(e -> assertThat(e.get("promptspec.response")).isEqualTo("replayed")).hasSize(4);
        assertThat(replay.testEvents().failed().map(e -> e.getTestDescriptor().getDisplayName()).toList())
                .containsExactlyInAnyOrder("search [gpt-4o-mini]", "security [gpt-4o-mini]");
    }

    private static Map<String, String> responseEntry(Event e) {
        return e.getRequiredPayload(ReportEntry.class).getKeyValuePairs();
    }

    @Test
    void each_model_s_samples_are_drawn_under_its_own_test() throws Exception {
        Path file = prompt("models: [gpt-4o, gpt-4o-mini]\nsamples: 3\npassRate: 0.6\nconfidence: 0.5");
        EngineExecutionResults results;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SeveralModelsEngineTest::answer)) {
            results = live(server).selectors(selectUniqueId(fileId(file).append("case", "search"))).execute();
        }
        UniqueId search = fileId(file).append("case", "search");
        assertThat(results.allEvents().dynamicallyRegistered().map(e -> e.getTestDescriptor().getUniqueId().removeLastSegment())
                .distinct().toList()).containsExactlyInAnyOrder(search.append("model", "gpt-4o"), search.append("model", "gpt-4o-mini"));
        assertThat(results.allEvents().dynamicallyRegistered().map(e -> e.getTestDescriptor().getDisplayName()).toList())
                .contains("search [gpt-4o] [sample 1]", "search [gpt-4o-mini] [sample 1]");
        assertThat(results.allEvents().finished().filter(e -> e.getTestDescriptor().getDisplayName().equals("search [gpt-4o]"))
                .findFirst().orElseThrow().getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getStatus())
                .isEqualTo(org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL);
        assertThat(results.allEvents().finished().filter(e -> e.getTestDescriptor().getDisplayName().equals("search [gpt-4o-mini]"))
                .findFirst().orElseThrow().getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getStatus())
                .isEqualTo(org.junit.platform.engine.TestExecutionResult.Status.FAILED);
    }

    @PromptSpec("prompts/basic/greeting.prompt.yml")
    static class OwnModel {
        @PromptModel(model = "greeter-1")
        static ChatModel model() {
            return new ChatModel() {
                @Override
                public ChatResponse doChat(ChatRequest request) {
                    return ChatResponse.builder().aiMessage(dev.langchain4j.data.message.AiMessage.from(
                            "Hello there, it is a pleasure to meet you. How can I help you today?")).build();
                }
            };
        }
    }

    @Test
    void a_class_with_its_own_model_runs_on_it_alone() {
        EngineExecutionResults results = EngineKit.engine(Map.of()).configurationParameter(Keys.MODE, "live")
                .configurationParameter(Keys.MODELS, "gpt-4o,gpt-4o-mini").selectors(selectClass(OwnModel.class)).execute();
        assertThat(results.testEvents().started().map(e -> e.getTestDescriptor().getDisplayName()).toList())
                .containsExactlyInAnyOrder("Ada", "Grace");
    }
}
