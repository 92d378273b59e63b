package dev.promptspec.internal.model.openai.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.BatchSettings;
import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.Role;
import dev.promptspec.model.Secret;
import dev.promptspec.testing.FakeBatchServer;
import dev.promptspec.testing.FakeOpenAiServer.Completion;
import dev.promptspec.testing.FakeTiming;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitting requests into files by the provider's limits, polling with backoff, and the progress line while waiting. */
class BatchJobsTest {

    @TempDir
    Path output;

    private static ModelRequest question(String city) {
        return new ModelRequest("gpt-4o-mini", List.of(new ChatMessage(Role.SYSTEM, "Answer with the city's country only."),
                new ChatMessage(Role.USER, "Which country is " + city + " in?")), ModelParameters.NONE, null);
    }

    private BatchJobs jobs(FakeBatchServer server, BatchJobs.Limits limits, FakeTiming timing, PrintStream progress) {
        return new BatchJobs(new OpenAiEndpoint(URI.create(server.baseUrl()), Secret.ofNullable("sk-test-batch-0123456789abcdef"),
                "test"), BatchSettings.on(), Duration.ofSeconds(10), timing, () -> false, output.resolve("jobs.json"), progress,
                Redactor.none(), limits);
    }

    @Test
    void requests_are_split_into_files_by_count_and_by_size_and_every_one_gets_its_answer() throws Exception {
        List<BatchJobs.Request> requests = new ArrayList<>();
        for (String city : List.of("Lyon", "Porto", "Graz", "Ghent", "Turku")) {
            requests.add(new BatchJobs.Request("q-" + city, question(city)));
        }
        try (FakeBatchServer server = FakeBatchServer.start(r -> new Completion(
                r.lastMessage("user").contains("Lyon") ? "France" : "Somewhere in Europe"))) {
            Map<String, BatchJobs.Result> results;
            try (BatchJobs jobs = jobs(server, new BatchJobs.Limits(2, 10_000, Duration.ofSeconds(2), Duration.ofSeconds(30)),
                    new FakeTiming(), null)) {
                results = jobs.run(requests);
            }
            assertThat(server.uploads()).extracting(u -> u.lines().size()).containsExactly(2, 2, 1);
            assertThat(results).hasSize(5).allSatisfy((id, r) -> assertThat(r.answered()).isTrue());
            assertThat(results.get("q-Lyon").response().text()).isEqualTo("France");
            assertThat(results.get("q-Lyon").jobId()).isEqualTo("batch_1");

            // lines differ by a few bytes (the cities' names): room for three of the longest holds three, never four
            int oneLine = server.uploads().stream().flatMap(u -> u.content().lines())
                    .mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).max().orElseThrow();
            try (FakeBatchServer bySize = FakeBatchServer.start(r -> new Completion("France"));
                    BatchJobs jobs = jobs(bySize, new BatchJobs.Limits(50_000, oneLine * 3L, Duration.ofSeconds(2),
                            Duration.ofSeconds(30)), new FakeTiming(), null)) {
                jobs.run(requests);
                assertThat(bySize.uploads()).extracting(u -> u.lines().size()).containsExactly(3, 2);
            }
        }
    }

    @Test
    void polling_backs_off_and_the_progress_line_is_rewritten_then_ended() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FakeTiming timing = new FakeTiming();
        try (FakeBatchServer server = FakeBatchServer.start(r -> new Completion("Austria"));
                BatchJobs jobs = jobs(server, BatchJobs.Limits.OPENAI, timing, new PrintStream(err, true, StandardCharsets.UTF_8))) {
            // the fake's job: in_progress at the first look, finalizing at the second, completed at the third
            assertThat(jobs.run(List.of(new BatchJobs.Request("q-Graz", question("Graz")))).get("q-Graz").response().text())
                    .isEqualTo("Austria");
            assertThat(server.log()).filteredOn(l -> l.startsWith("GET /v1/batches/")).hasSize(3);
        }
        assertThat(timing.slept()).as("2 s, then twice that").isEqualTo(Duration.ofSeconds(6));
        assertThat(timing.sleeps()).as("in pieces of at most 50 ms, so a cancellation is seen").allMatch(d -> d.toMillis() <= 50);
        String waiting = "PromptSpec batch: 0 of 1 job ended; 1 requests submitted, 1 in progress, 0 completed, 0 failed";
        String done = "PromptSpec batch: 1 of 1 job ended; 1 requests submitted, 0 in progress, 1 completed, 0 failed";
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("\r" + waiting + " (0 ms)" + "\r" + waiting + " (2 s)"
                + "\r" + done + " (6 s)" + "\r" + done + " (6 s)" + System.lineSeparator());
    }
}
