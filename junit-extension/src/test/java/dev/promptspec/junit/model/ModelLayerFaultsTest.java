package dev.promptspec.junit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.junit.PromptSpec;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.testing.FakeOpenAiServer.Completion;
import dev.promptspec.testing.FakeOpenAiServer.Drop;
import dev.promptspec.testing.FakeOpenAiServer.Garbage;
import dev.promptspec.testing.FakeOpenAiServer.Reply;
import dev.promptspec.testing.FakeOpenAiServer.StalledBody;
import dev.promptspec.testing.FakeOpenAiServer.Status;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.FakeTiming;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/**
 * One suite against a server that injects a different fault per case: every case ends with the right
 * verdict, or with an error that says what happened and how many attempts were made.
 */
class ModelLayerFaultsTest {

    @PromptSpec("prompts/model-layer/faults")
    static class OrderStatus {
    }

    private static final Pattern SCENARIO = Pattern.compile("\\[scenario ([^\\]]+)]");
    private static final Pattern ORDER = Pattern.compile("order (A-\\d+)");

    private static Reply reply(FakeOpenAiServer.Received r, FakeOpenAiServer server) {
        String user = r.lastMessage("user");
        Matcher s = SCENARIO.matcher(user);
        Matcher o = ORDER.matcher(user);
        if (!s.find() || !o.find()) {
            return new Status(400, "{\"error\":{\"message\":\"unexpected request\"}}");
        }
        String scenario = s.group(1);
        String order = o.group(1);
        long attempt = server.requestsMentioning("[scenario " + scenario + "]");
        Completion answer = new Completion("Your order " + order
                + " left our warehouse yesterday and should reach you within two working days.");
        boolean first = attempt == 1;
        return switch (scenario) {
            case "ok" -> answer;
            case "wrong" -> new Completion("Your order A-099 was delivered this morning and signed for at the front desk.");
            case "429-retry-after" -> first ? new Status(429, rateLimited(), Map.of("Retry-After", "0.2"), Duration.ZERO) : answer;
            case "429-plain" -> first ? new Status(429, rateLimited()) : answer;
            case "503-once" -> first ? new Status(503, "{\"error\":{\"message\":\"The server is overloaded. Please retry.\"}}") : answer;
            case "drop-once" -> first ? new Drop() : answer;
            case "hang-once" -> first ? answer.delayed(Duration.ofSeconds(8)) : answer;
            case "stall-once" -> first ? new StalledBody(answer, Duration.ofSeconds(8)) : answer;
            case "500-always" -> new Status(500, "{\"error\":{\"message\":\"The server had an error while processing your request.\"}}");
            case "garbage" -> new Garbage("<html><body>502 Bad Gateway (nginx)</body></html>");
            case "401" -> new Status(401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"code\":\"invalid_api_key\"}}");
            case "404" -> new Status(404, "{\"error\":{\"message\":\"The model `gpt-4o-mini` does not exist or you do not have access to it.\"}}");
            case "429-an-hour" -> new Status(429, rateLimited(), Map.of("Retry-After", "3600"), Duration.ZERO);
            default -> new Status(400, "{\"error\":{\"message\":\"unknown scenario\"}}");
        };
    }

    private static String rateLimited() {
        return "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3.\"}}";
    }

    @Test
    void every_case_ends_with_its_verdict_or_a_precise_error(@TempDir Path dir) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> Reply.class.cast(null))) {
            server.respondWith(r -> reply(r, server));
            FakeTiming timing = new FakeTiming();
            EngineExecutionResults results = Engines.kit(server, timing)
                    .configurationParameter("promptspec.recordings.dir", dir.toString())
                    .configurationParameter("promptspec.mode", "live")
                    .configurationParameter("promptspec.timeout", "2s")
                    .configurationParameter("promptspec.retry.initial-delay", "20ms")
                    // three retries (the default is 10) keep the always-failing scenarios short and their errors exact
                    .configurationParameter("promptspec.retries", "3")
                    .selectors(selectClass(OrderStatus.class))
                    .execute();

            Map<String, TestExecutionResult> byCase = Engines.resultsByName(results);
            for (String passing : new String[] {"answered at once", "429 with Retry-After then answered",
                    "429 without Retry-After then answered", "503 then answered", "connection dropped then answered",
                    "server hangs then answered", "body stalls then answered"}) {
                assertThat(byCase.get(passing).getStatus()).as(passing + ": " + byCase.get(passing))
                        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
            }
            assertThat(Engines.attempts(results, "429 with Retry-After then answered")).isEqualTo("2");
            assertThat(Engines.attempts(results, "server hangs then answered")).isEqualTo("2");
            assertThat(Engines.attempts(results, "answered at once")).isEqualTo("1");

            // A wrong answer is an assertion failure: the prompt was judged.
            assertThat(byCase.get("wrong answer").getThrowable()).get().isInstanceOf(AssertionFailedError.class);

            // Failed calls are errors, not assertion failures, and say what happened and how often it was tried.
            assertError(byCase.get("500 every time"), 500,
                    "answered HTTP 500: The server had an error while processing your request.",
                    "4 attempts, all failed: HTTP 500, HTTP 500, HTTP 500, HTTP 500; gave up after 3 retries");
            assertError(byCase.get("garbage body"), 0, "not a chat completion",
                    "[4 attempts, all failed: bad response, bad response, bad response, bad response; gave up after 3 retries");
            assertError(byCase.get("key rejected"), 401, "HTTP 401 (check the API key: it was rejected): Incorrect API key provided.",
                    "[1 attempt; HTTP 401 is not retried]");
            assertError(byCase.get("unknown model"), 404, "does not exist or you do not have access to it", "[1 attempt;");
            assertError(byCase.get("told to come back in an hour"), 429, "Rate limit reached",
                    "the server asked to wait 1 h before retrying, longer than promptspec.retry.max-wait (1 min)");

            // Retried exactly as many times as the outcome needed; non-retryable ones once.
            assertThat(server.requestsMentioning("[scenario 500-always]")).isEqualTo(4);
            assertThat(server.requestsMentioning("[scenario garbage]")).isEqualTo(4); // a proxy's page may pass: retried
            assertThat(server.requestsMentioning("[scenario 401]")).isEqualTo(1);
            assertThat(server.requestsMentioning("[scenario 404]")).isEqualTo(1);
            assertThat(server.requestsMentioning("[scenario 429-an-hour]")).isEqualTo(1);
            assertThat(server.requestsMentioning("[scenario drop-once]")).isEqualTo(2);
            assertThat(server.requestsMentioning("[scenario stall-once]")).isEqualTo(2);

            Map<String, String> summary = Engines.runSummary(results);
            assertThat(summary).containsEntry("promptspec.calls.live", "8").containsEntry("promptspec.calls.failed", "5");
            // 7 retried once, 500-always and garbage three times each
            assertThat(summary).containsEntry("promptspec.retries", "12").containsEntry("promptspec.rate-limited", "3");
            // The waits ran on the fake clock: Retry-After: 0.2 was honoured, the hour-long one was not waited for.
            assertThat(timing.slept()).isBetween(Duration.ofMillis(200), Duration.ofSeconds(2));
        }
    }

    private static void assertError(TestExecutionResult result, int status, String... fragments) {
        assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(result.getThrowable()).get().isInstanceOfSatisfying(ModelCallException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(fragments);
        });
    }
}
