package dev.promptspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.ProviderChoice;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.model.Secret;
import dev.promptspec.testing.FakeOpenAiServer;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The head start a driver gives the first model call while it discovers tests: nothing sent, nothing left open. */
class WarmUpTest {

    private static final String KEY = "sk-test-Wm4rQ9pLx2Tb7Kd1Nc8Zs5Yf";

    @Test
    void prepares_the_first_call_of_a_live_run_without_sending_anything_or_leaving_a_thread() throws Exception {
        Set<Thread> before = httpThreads();
        try (FakeOpenAiServer server = FakeOpenAiServer.answering("## Release 2.4")) {
            RunConfig config = RunConfig.defaults().withMode(RecordingMode.LIVE)
                    .withEndpoint(new OpenAiEndpoint(URI.create(server.baseUrl()), Secret.ofNullable(KEY), "test"));

            Optional<Thread> warmUp = PromptRun.warmUpInBackground(config);

            assertThat(warmUp).isPresent();
            warmUp.get().join(30_000);
            assertThat(warmUp.get().isAlive()).isFalse();
            assertThat(server.requests()).as("requests the warm-up sent").isEmpty();
            Set<Thread> left = httpThreads();
            left.removeAll(before);
            for (Thread t : left) {
                t.join(5_000);
                assertThat(t.isAlive()).as(t.getName() + ", started by the warm-up").isFalse();
            }
        }
    }

    @Test
    void the_warm_up_goes_through_the_providers_request_and_response_mapping_in_memory() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.answering("## Release 2.4")) {
            RunConfig config = RunConfig.defaults().withMode(RecordingMode.LIVE)
                    .withEndpoint(new OpenAiEndpoint(URI.create(server.baseUrl()), Secret.ofNullable(KEY), "test"));

            Providers.warmUp(config); // throws when the canned answer does not map to a response

            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void warms_up_for_every_mode_that_may_call_a_remote_endpoint_with_a_key() {
        RunConfig remote = RunConfig.defaults()
                .withEndpoint(new OpenAiEndpoint(URI.create("https://api.openai.com/v1"), Secret.ofNullable(KEY), "test"));

        assertThat(Providers.warmsUp(remote.withMode(RecordingMode.LIVE))).isTrue();
        assertThat(Providers.warmsUp(remote.withMode(RecordingMode.RECORD))).isTrue();
        assertThat(Providers.warmsUp(remote.withMode(RecordingMode.AUTO))).isTrue();
    }

    @Test
    void does_nothing_for_a_run_that_cannot_call_the_openai_endpoint() {
        RunConfig remote = RunConfig.defaults()
                .withEndpoint(new OpenAiEndpoint(URI.create("https://api.openai.com/v1"), Secret.ofNullable(KEY), "test"));
        RunConfig noKey = RunConfig.defaults().withMode(RecordingMode.AUTO)
                .withEndpoint(new OpenAiEndpoint(URI.create("https://api.openai.com/v1"), null, null));

        assertThat(PromptRun.warmUpInBackground(remote.withMode(RecordingMode.REPLAY))).isEmpty();
        assertThat(PromptRun.warmUpInBackground(remote.withMode(RecordingMode.VALIDATE))).isEmpty();
        assertThat(PromptRun.warmUpInBackground(noKey)).as("auto without a key: replays only").isEmpty();
        assertThat(PromptRun.warmUpInBackground(remote.withMode(RecordingMode.LIVE)
                .withProvider(new ProviderChoice("ollama-container", Map.of())))).as("a named provider is never started early").isEmpty();
    }

    private static Set<Thread> httpThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("HttpClient-") && t.isAlive())
                .collect(Collectors.toSet());
    }
}
