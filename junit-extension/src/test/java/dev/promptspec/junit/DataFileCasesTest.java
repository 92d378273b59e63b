package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.promptspec.config.Keys;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Cases read from a CSV file beside the prompt file point IDEs at their row. */
class DataFileCasesTest {

    @PromptSpec("prompts/datafiles")
    static class Routing {
    }

    private static final Path DIR = Path.of("src/test/resources/prompts/datafiles").toAbsolutePath();

    @Test
    void each_case_has_the_line_of_its_row_as_source() {
        TestDescriptor engine = EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(Map.of()))
                .selectors(selectClass(Routing.class)).discover().getEngineDescriptor();
        List<TestDescriptor> cases = engine.getDescendants().stream().filter(d -> d instanceof PromptCaseDescriptor)
                .map(d -> (TestDescriptor) d).toList();

        assertThat(cases).extracting(TestDescriptor::getDisplayName, d -> ((FileSource) d.getSource().orElseThrow()).getFile().toPath(),
                d -> ((FileSource) d.getSource().orElseThrow()).getPosition().map(FilePosition::getLine).orElse(0))
                .containsExactly(
                        tuple("double charge", DIR.resolve("routing-cases.csv"), 2),
                        tuple("camera crash", DIR.resolve("routing-cases.csv"), 3),
                        tuple("inline case", DIR.resolve("routing.prompt.yml"), 13));
    }

    @Test
    void runs_rows_and_inline_entries_alike_and_a_line_selects_the_inline_entry(@TempDir Path recordings) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> {
            String ticket = r.lastMessage("user");
            return new FakeOpenAiServer.Completion(ticket.contains("charged") ? "billing"
                    : ticket.contains("crashes") ? "technical" : "shipping");
        })) {
            var all = EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(Map.of("OPENAI_API_KEY", "sk-test-0000000000000000")))
                    .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                    .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                    .selectors(selectClass(Routing.class))
                    .execute();
            all.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
            assertThat(server.requests()).extracting(r -> r.lastMessage("user")).containsExactlyInAnyOrder(
                    "email ticket: I was charged twice for March.",
                    "email ticket: The app crashes\nwhen I open the camera.",
                    "email ticket: My parcel is two weeks late.");

            var one = EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(Map.of("OPENAI_API_KEY", "sk-test-0000000000000000")))
                    .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                    .configurationParameter(Keys.RECORDINGS_DIR, recordings.toString())
                    .selectors(selectFile(DIR.resolve("routing.prompt.yml").toString(),
                            org.junit.platform.engine.discovery.FilePosition.from(14)))
                    .execute();
            one.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        }
    }
}
