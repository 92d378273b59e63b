package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Configuration keys as users set them, and what happens when a value is wrong or a key is missing. */
class ConfigurationTest {

    @PromptSpec("prompts/basic/greeting.prompt.yml")
    static class Greetings {
    }

    @PromptSpec("prompts/mixed/good.prompt.yml")
    static class French {
    }

    private static EngineSettings settings(Map<String, String> params, Map<String, String> env) {
        return EngineSettings.read(new MapParameters(params), env::get);
    }

    @Test
    void defaults_are_auto_mode_against_openai_with_the_key_from_the_environment() {
        RunConfig c = settings(Map.of(), Map.of("OPENAI_API_KEY", "sk-env-0123456789abcdef")).runConfig();
        assertThat(c.mode()).isEqualTo(RecordingMode.AUTO);
        assertThat(c.endpoint().baseUrl()).hasToString("https://api.openai.com/v1");
        assertThat(c.endpoint().apiKey().reveal()).isEqualTo("sk-env-0123456789abcdef");
        assertThat(c.endpoint().keySource()).isEqualTo("environment variable OPENAI_API_KEY");
        assertThat(c.recordingsDir()).isEqualTo(Path.of("src/test/promptspec/recordings"));
        assertThat(c.concurrency()).isEqualTo(8);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void configuration_parameters_win_over_the_environment() {
        RunConfig c = settings(Map.of(Constants.OPENAI_API_KEY, "sk-param-0123456789abcdef",
                        Constants.OPENAI_BASE_URL, "http://localhost:11434/v1/", Constants.MODE, "Replay",
                        Constants.TIMEOUT, "90s", Constants.CONCURRENCY, "3", Constants.RECORDINGS_DIR, "build/recordings"),
                Map.of("OPENAI_API_KEY", "sk-env-0123456789abcdef", "OPENAI_BASE_URL", "https://example.invalid/v1"))
                .runConfig();
        assertThat(c.endpoint().apiKey().reveal()).isEqualTo("sk-param-0123456789abcdef");
        assertThat(c.endpoint().keySource()).isEqualTo("configuration parameter promptspec.openai.api-key");
        assertThat(c.endpoint().baseUrl()).as("trailing slash dropped").hasToString("http://localhost:11434/v1");
        assertThat(c.mode()).isEqualTo(RecordingMode.REPLAY);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.concurrency()).isEqualTo(3);
        assertThat(c.recordingsDir()).isEqualTo(Path.of("build/recordings"));
    }

    @Test
    void github_models_takes_its_token_and_says_so_when_it_is_missing() {
        Map<String, String> github = Map.of(Constants.OPENAI_BASE_URL, "https://models.github.ai/inference");
        RunConfig withToken = settings(github, Map.of("GITHUB_TOKEN", "ghp_0123456789abcdefABCDEF")).runConfig();
        assertThat(withToken.endpoint().apiKey().reveal()).isEqualTo("ghp_0123456789abcdefABCDEF");
        assertThat(withToken.endpoint().keySource()).isEqualTo("environment variable GITHUB_TOKEN");
        assertThat(settings(github, Map.of()).runConfig().missingKeyHelp()).startsWith(
                "set the environment variable GITHUB_TOKEN (a token with the models:read permission), or the configuration"
                        + " parameter promptspec.openai.api-key");
    }

    @Test
    void wrong_values_are_errors_naming_the_key_and_what_to_write() {
        EngineSettings s = settings(Map.of(Constants.MODE, "bogus", Constants.CONCURRENCY, "0", Constants.TIMEOUT, "soon",
                Constants.OPENAI_BASE_URL, "api.openai.com", Constants.LIMIT_DEPTH, "many"), Map.of());
        assertThat(s.errors()).containsExactlyInAnyOrder(
                "promptspec.mode=bogus is not a mode; use auto, replay, record, live or validate",
                "promptspec.openai.base-url (or OPENAI_BASE_URL) is not a URL: 'api.openai.com'; write it like https://api.openai.com/v1",
                "promptspec.concurrency=0 is out of range; use a value from 1 to 256",
                "promptspec.timeout=soon is not a duration; write 90s, 2m or PT2M",
                "promptspec.limits.max-depth=many is not a whole number");
    }

    @Test
    void a_configuration_error_fails_the_run_before_any_call_with_the_message() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            var kit = EngineKit.live(server).configurationParameter(Constants.MODE, "bogus").selectors(selectClass(Greetings.class));

            assertThat(kit.discover().getDiscoveryIssues()).as("reported once, by the failing engine").isEmpty();

            EngineExecutionResults results = kit.execute();
            assertThat(results.testEvents().started().count()).isZero();
            TestExecutionResult engine = results.containerEvents().finished().list().get(0)
                    .getRequiredPayload(TestExecutionResult.class);
            assertThat(engine.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
            assertThat(engine.getThrowable().orElseThrow()).hasMessage("PromptSpec configuration: promptspec.mode=bogus is not a"
                    + " mode; use auto, replay, record, live or validate");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void several_configuration_errors_fail_the_run_once_listing_each() {
        EngineExecutionResults results = EngineKit.engine(Map.of()).configurationParameter(Constants.MODE, "bogus")
                .configurationParameter(Constants.STRICT, "yes").selectors(selectClass(Greetings.class)).execute();

        assertThat(results.containerEvents().failed().list()).singleElement().satisfies(e ->
                assertThat(e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).hasMessage(
                        "PromptSpec cannot run (2 problems):\n"
                                + "  - PromptSpec configuration: promptspec.mode=bogus is not a mode; use auto, replay, record, live or validate\n"
                                + "  - PromptSpec configuration: promptspec.strict=yes is not true or false"));
    }

    @Test
    void no_key_in_live_mode_fails_each_case_with_what_to_set_never_a_null_pointer() {
        EngineExecutionResults results = EngineKit.engine(Map.of()).configurationParameter(Constants.MODE, "live")
                .selectors(selectClass(Greetings.class)).execute();

        results.testEvents().assertStatistics(s -> s.started(2).failed(2));
        results.testEvents().failed().stream().forEach(e -> {
            Throwable t = e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(t).isInstanceOfSatisfying(ModelCallException.class,
                    m -> assertThat(m.kind()).isEqualTo(ModelCallException.Kind.MISSING_CREDENTIALS));
            assertThat(t).hasMessage("no API key for https://api.openai.com/v1: set the environment variable OPENAI_API_KEY, or"
                    + " the configuration parameter promptspec.openai.api-key (e.g. -Dpromptspec.openai.api-key=... on the command"
                    + " line; keep keys out of committed files). To record the answers (on a first run), set the key and run again,"
                    + " in the default mode or with -Dpromptspec.mode=record; -Dpromptspec.mode=replay runs without a key, but only"
                    + " the cases recorded in src/test/promptspec/recordings");
        });
    }

    @Test
    void the_key_parameter_reaches_the_authorization_header() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineKit.engine(Map.of()).configurationParameter(Constants.MODE, "live")
                    .configurationParameter(Constants.OPENAI_BASE_URL, server.baseUrl())
                    .configurationParameter(Constants.OPENAI_API_KEY, "sk-param-5Tq9Lm2Xc8Vb1Nz7")
                    .selectors(selectClass(Greetings.class)).execute()
                    .testEvents().assertStatistics(s -> s.succeeded(2));
            assertThat(server.requests()).extracting(r -> r.header("Authorization"))
                    .containsOnly("Bearer sk-param-5Tq9Lm2Xc8Vb1Nz7");
        }
    }

    @Test
    void the_model_override_replaces_every_file_model_and_the_default_serves_files_without_one() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineKit.live(server).configurationParameter(Constants.MODEL, "gpt-4.1-nano")
                    .selectors(selectClass(Greetings.class), selectClass(French.class)).execute()
                    .testEvents().assertStatistics(s -> s.succeeded(3));
            assertThat(server.requests()).extracting(FakeOpenAiServer.Received::model).containsOnly("gpt-4.1-nano");

            EngineKit.live(server).configurationParameter(Constants.DEFAULT_MODEL, "gpt-4.1-nano")
                    .selectors(selectClass(Greetings.class)).execute()
                    .testEvents().assertStatistics(s -> s.succeeded(2));
            assertThat(server.requests().subList(3, 5)).extracting(FakeOpenAiServer.Received::model)
                    .as("the file names its model; the default does not replace it").containsOnly("openai/gpt-4o-mini");
        }
    }
}
