package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

class SmokeTest {

    @PromptSpec("prompts/basic")
    static class Greetings {
    }

    @Test
    void records_then_replays(@TempDir Path dir) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Completion(
                "Hello " + (r.lastMessage("user").contains("Ada") ? "Ada" : "Grace") + ", nice to meet you."))) {
            var results = EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(Map.of("OPENAI_API_KEY", "sk-test-1234567890abcdef")))
                    .configurationParameter(Constants.OPENAI_BASE_URL, server.baseUrl())
                    .configurationParameter(Constants.RECORDINGS_DIR, dir.toString())
                    .selectors(selectClass(Greetings.class))
                    .execute();
            results.allEvents().debug();
            results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer sk-test-1234567890abcdef");
            System.out.println(server.requests().get(0).body());
        }
        var replay = EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(Map.of()))
                .configurationParameter(Constants.RECORDINGS_DIR, dir.toString())
                .configurationParameter(Constants.MODE, "replay")
                .selectors(selectClass(Greetings.class))
                .execute();
        replay.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }
}
