package dev.promptspec.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import dev.promptspec.testing.FakeOpenAiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A generated prompt suite of N support-ticket cases on disk, the in-process server answering it, and a run of
 * it through the JUnit Platform launcher and the promptspec engine, exactly as a build runs it.
 */
final class Suite implements AutoCloseable {

    private static final Pattern TICKET = Pattern.compile("Ticket (\\d+):");

    private final Path dir;
    private final Path file;
    private final FakeOpenAiServer server;
    private final Launcher launcher = LauncherFactory.create();
    private final int cases;

    Suite(int cases, Duration latency) {
        this.cases = cases;
        try {
            this.dir = Files.createTempDirectory("promptspec-bench");
            this.file = dir.resolve("refunds.prompt.yml");
            Files.writeString(file, promptFile(cases), StandardCharsets.UTF_8);
            this.server = FakeOpenAiServer.start(r -> {
                Matcher m = TICKET.matcher(r.lastMessage("user"));
                String n = m.find() ? m.group(1) : "0";
                return new FakeOpenAiServer.Completion("Ticket " + n + ": your refund has been approved and the amount will be"
                        + " back on your card within five working days. Thank you for your patience.").delayed(latency);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String promptFile(int cases) {
        StringBuilder sb = new StringBuilder("""
                name: Refund replies
                model: openai/gpt-4o-mini
                modelParameters:
                  temperature: 0
                  max_tokens: 120
                messages:
                  - role: system
                    content: |
                      You are a support agent. Answer the customer's refund request in two sentences,
                      repeating their ticket number, and say when the money arrives.
                  - role: user
                    content: "Ticket {{ticket}}: {{request}}"
                testData:
                """);
        for (int i = 1; i <= cases; i++) {
            sb.append("  - ticket: \"").append(i).append("\"\n")
                    .append("    request: I returned order ").append(1000 + i).append(" last week. When do I get my money back?\n");
        }
        sb.append("""
                evaluators:
                  - name: repeats the ticket
                    string:
                      contains: "Ticket {{ticket}}:"
                  - name: says when
                    regex:
                      pattern: "within \\\\w+ working days"
                  - name: polite
                    string:
                      contains: "Thank you"
                """);
        return sb.toString();
    }

    /** Runs the suite once; fails unless every case passed. */
    void run(String mode, int concurrency) {
        Map<String, String> config = new HashMap<>();
        config.put("promptspec.mode", mode);
        config.put("promptspec.openai.base-url", server.baseUrl());
        config.put("promptspec.recordings.dir", dir.resolve("recordings").toString());
        config.put("promptspec.concurrency", String.valueOf(concurrency));
        config.put("promptspec.summary.stdout", "false");
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectFile(file.toFile()))
                .filters(includeEngines("promptspec"))
                .configurationParameters(config)
                .build(), listener);
        TestExecutionSummary s = listener.getSummary();
        if (s.getTestsSucceededCount() != cases) {
            StringBuilder why = new StringBuilder();
            s.getFailures().forEach(f -> why.append('\n').append(f.getTestIdentifier().getDisplayName()).append(": ")
                    .append(f.getException()));
            throw new IllegalStateException(s.getTestsSucceededCount() + " of " + cases + " cases passed" + why);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
