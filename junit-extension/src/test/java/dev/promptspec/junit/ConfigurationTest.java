package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.config.Keys;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.testing.FakeOpenAiServer;
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




    @Test
    void a_configuration_error_fails_the_run_before_any_call_with_the_message() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            var kit = EngineKit.live(server).configurationParameter(Keys.MODE, "bogus").selectors(selectClass(Greetings.class));

            assertThat(kit.discover().getDiscoveryIssues()).as("reported once, by the failing engine").isEmpty();

            EngineExecutionResults results = kit.execute();
            assertThat(results.testEvents().started().count()).isZero();
            TestExecutionResult engine = results.containerEvents().finished().list().get(0)
                    .getRequiredPayload(TestExecutionResult.class);
            assertThat(engine.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
            assertThat(engine.getThrowable().orElseThrow()).hasMessage("PromptSpec configuration: promptspec.mode=bogus is not a"
                    + " mode; use auto, replay, record, live, validate or mutate");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void several_configuration_errors_fail_the_run_once_listing_each() {
        EngineExecutionResults results = EngineKit.engine(Map.of()).configurationParameter(Keys.MODE, "bogus")
                .configurationParameter(Keys.STRICT, "yes").selectors(selectClass(Greetings.class)).execute();

        assertThat(results.containerEvents().failed().list()).singleElement().satisfies(e ->
                assertThat(e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).hasMessage(
                        "PromptSpec cannot run (2 problems):\n"
                                + "  - PromptSpec configuration: promptspec.mode=bogus is not a mode; use auto, replay, record, live, validate or mutate\n"
                                + "  - PromptSpec configuration: promptspec.strict=yes is not true or false"));
    }

    @Test
    void no_key_in_live_mode_fails_each_case_with_what_to_set_never_a_null_pointer() {
        EngineExecutionResults results = EngineKit.engine(Map.of()).configurationParameter(Keys.MODE, "live")
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
            EngineKit.engine(Map.of()).configurationParameter(Keys.MODE, "live")
                    .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                    .configurationParameter(Keys.OPENAI_API_KEY, "sk-param-5Tq9Lm2Xc8Vb1Nz7")
                    .selectors(selectClass(Greetings.class)).execute()
                    .testEvents().assertStatistics(s -> s.succeeded(2));
            assertThat(server.requests()).extracting(r -> r.header("Authorization"))
                    .containsOnly("Bearer sk-param-5Tq9Lm2Xc8Vb1Nz7");
        }
    }

    @Test
    void the_model_override_replaces_every_file_model_and_the_default_serves_files_without_one() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineKit.live(server).configurationParameter(Keys.MODEL, "gpt-4.1-nano")
                    .selectors(selectClass(Greetings.class), selectClass(French.class)).execute()
                    .testEvents().assertStatistics(s -> s.succeeded(3));
            assertThat(server.requests()).extracting(FakeOpenAiServer.Received::model).containsOnly("gpt-4.1-nano");

            EngineKit.live(server).configurationParameter(Keys.DEFAULT_MODEL, "gpt-4.1-nano")
                    .selectors(selectClass(Greetings.class)).execute()
                    .testEvents().assertStatistics(s -> s.succeeded(2));
            assertThat(server.requests().subList(3, 5)).extracting(FakeOpenAiServer.Received::model)
                    .as("the file names its model; the default does not replace it").containsOnly("openai/gpt-4o-mini");
        }
    }
}
