package dev.promptspec.junit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.junit.PromptSpec;
import dev.promptspec.junit.PromptSpecTestEngineAccess;
import dev.promptspec.testing.FakeOpenAiServer.Completion;
import dev.promptspec.testing.FakeOpenAiServer.Garbage;
import dev.promptspec.testing.FakeOpenAiServer.Status;
import dev.promptspec.testing.FakeOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The API key reaches the server and nothing else: not the recordings, the errors (message, toString, stack
 * traces with causes), the report entries, the JSON report and Markdown summary or the console, even when the
 * server echoes it back (in an error body, or in a field that the JSON parser then quotes in its own exception).
 */
class SecretsNeverLeakTest {

    @PromptSpec("prompts/model-layer/secrets")
    static class Refunds {
    }

    private static final String KEY = "sk-proj-Zx9SECRETsecret0123456789abcd";

    @Test
    void the_key_appears_in_no_file_message_or_report(@TempDir Path dir) throws Exception {
        Path recordings = dir.resolve("recordings");
        Path reports = dir.resolve("reports");
        Path outputs = Files.createDirectories(dir.resolve("outputs"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        EngineExecutionResults results;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> {
            String user = r.lastMessage("user");
            if (user.contains("[scenario 401]")) {
                return new Status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
                        + ". You can find your API key at https://platform.openai.com/account/api-keys.\",\"code\":\"invalid_api_key\"}}");
            }
            if (user.contains("[scenario 500]")) {
                return new Status(500, "upstream failed; request headers were: Authorization: Bearer " + KEY);
            }
            if (user.contains("[scenario gateway]")) {
                // a gateway that echoes the caller's key into a numeric field: the JSON parser's own exception, kept as the
                // error's cause, quotes the value it could not read
                return new Garbage("{\"id\": \"chatcmpl-9\", \"object\": \"chat.completion\", \"created\": \"" + KEY
                        + "\", \"model\": \"gpt-4o-mini\", \"choices\": []}");
            }
            return new Completion("At 45 days your purchase is outside our 30-day refund window, but we can offer store credit.");
        })) {
            PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            try {
                results = EngineTestKit.engine(PromptSpecTestEngineAccess.withEnvironment(Map.of("OPENAI_API_KEY", KEY)))
                        .configurationParameter("promptspec.openai.base-url", server.baseUrl())
                        .configurationParameter("promptspec.mode", "record")
                        .configurationParameter("promptspec.recordings.dir", recordings.toString())
                        .configurationParameter("promptspec.reports.dir", reports.toString())
                        .configurationParameter("promptspec.retries", "1")
                        .configurationParameter("promptspec.retry.initial-delay", "10ms")
                        .selectors(selectClass(Refunds.class))
                        .execute();
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            // the key did go where it belongs
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY));
        }
        results.testEvents().assertStatistics(s -> s.started(4).succeeded(1).failed(3));

        // Everything the run produced, written out the way a build would keep it
        StringBuilder events = new StringBuilder();
        StringBuilder entries = new StringBuilder();
        for (Event e : results.allEvents().stream().toList()) {
            events.append(e).append('\n');
            e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).ifPresent(t -> {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                events.append(t).append('\n').append(t.getMessage()).append('\n').append(trace).append('\n');
            });
            e.getPayload(ReportEntry.class).ifPresent(r -> entries.append(r).append('\n'));
        }
        Files.writeString(outputs.resolve("events.txt"), events, StandardCharsets.UTF_8);
        Files.writeString(outputs.resolve("report-entries.txt"), entries, StandardCharsets.UTF_8);
        Files.writeString(outputs.resolve("console.txt"), console.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        assertThat(entries).as("the run's summary line, a report entry on the engine").contains("PromptSpec: 4 model calls");
        assertThat(events).contains("HTTP 401", "Incorrect API key provided", "HTTP 500", "is not a chat completion")
                .as("the parser's exception is printed as a cause, redacted").contains("Caused by: com.fasterxml.jackson");
        assertThat(entries).contains("promptspec.tokens.input");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("refunds.recordings.yml", "promptspec-report.json", "promptspec-summary.md", "events.txt",
                        "report-entries.txt", "console.txt");
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertThat(text).as(f.toString()).doesNotContain(KEY).doesNotContain("Zx9SECRETsecret");
        }
    }
}
