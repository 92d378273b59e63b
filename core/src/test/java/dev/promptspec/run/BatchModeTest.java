package dev.promptspec.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptspec.config.BatchSettings;
import dev.promptspec.config.Budget;
import dev.promptspec.config.CallPolicy;
import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.PriceTable;
import dev.promptspec.config.RateLimit;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RetryPolicy;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Secret;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.sampling.SamplingPolicy;
import dev.promptspec.sampling.SamplingSettings;
import dev.promptspec.testing.FakeBatchServer;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.FakeOpenAiServer.Completion;
import dev.promptspec.testing.FakeOpenAiServer.Received;
import dev.promptspec.testing.FakeOpenAiServer.Reply;
import dev.promptspec.testing.FakeTiming;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch mode end to end against a fake Files and Batches API: calls collected before the cases run, sent in jobs (the
 * judges in a second one), answers written to the recordings and used by the cases; failures, expiry, cancellation,
 * the budget, and a run that resumes the jobs of an interrupted one without paying twice.
 */
class BatchModeTest {

    private static final String KEY = "sk-test-Hq3mV8pLc2XwR7tNb5Kd1Yz";

    private static final String TRIAGE = """
            name: Support ticket triage
            model: gpt-4o-mini
            messages:
              - role: system
                content: Classify the ticket as billing, outage or other. Start with the category in bold, then give the reason.
              - role: user
                content: "{{ticket}}"
            testData:
              - name: wrong VAT
                ticket: My March invoice charges 20% VAT but our contract says 7%.
                expected: "**billing**"
              - name: dashboard down
                ticket: Since 9:00 every page of the dashboard answers HTTP 502.
                expected: "**outage**"
              - name: dark mode
                ticket: Could you add a dark mode to the reporting screens?
                expected: "**other**"
            """;

    @TempDir
    Path recordings;
    @TempDir
    Path output;

    private final FakeTiming timing = new FakeTiming();

    /**
     * Triage as a model would answer, the return policy ({@link JudgeCallFailuresTest#FILE}) in two sentences, and its
     * judge's verdict.
     */
    static Reply answer(Received r) {
        String user = r.lastMessage("user");
        if (user.contains("20% VAT")) {
            return new Completion("**billing**\n\nThe invoice applies 20% VAT where the contract sets 7%: route to billing operations"
                    + " for a corrected invoice.", "gpt-4o-mini-2024-07-18", 62, 31, "stop", Duration.ZERO);
        }
        if (user.contains("HTTP 502")) {
            return new Completion("**outage**\n\nEvery dashboard page failing with HTTP 502 since 9:00 points to a service outage,"
                    + " not a local problem.", "gpt-4o-mini-2024-07-18", 61, 29, "stop", Duration.ZERO);
        }
        if (user.contains("dark mode")) {
            return new Completion("**other**\n\nA dark mode for the reporting screens is a feature request for the product team.",
                    "gpt-4o-mini-2024-07-18", 58, 22, "stop", Duration.ZERO);
        }
        if (user.startsWith("Does this reply mention a restocking fee")) {
            return new Completion("The reply names no fee or charge for the return.\nAnswer: no", "gpt-4o-mini-2024-07-18", 95, 14,
                    "stop", Duration.ZERO);
        }
        return new Completion("Yes: unworn items can be returned within 30 days of purchase, so your boots qualify. Start the"
                + " return from your order page and we will email you a prepaid label.", "gpt-4o-mini-2024-07-18", 70, 38, "stop",
                Duration.ZERO);
    }

    private RunConfig config(String baseUrl, RecordingMode mode, BatchSettings batch) {
        return RunConfig.defaults().withMode(mode).withRecordingsDir(recordings)
                .withEndpoint(new OpenAiEndpoint(URI.create(baseUrl), Secret.ofNullable(KEY), "test"))
                .withCalls(new CallPolicy(RetryPolicy.NONE, RateLimit.NONE, Budget.NONE, PriceTable.defaults()))
                .withBatch(batch);
    }

    /** What one run did: the batch step's summary (or why it failed), and every case's result. */
    private record Outcome(Optional<BatchSummary> batch, List<CaseResult> results) {
        CaseResult result(String name) {
            return results.stream().filter(r -> r.testCase().name().equals(name)).findFirst().orElseThrow();
        }
    }

    private Outcome run(RunConfig config, String path, String yaml) {
        try (PromptRun run = new PromptRun(config, EvaluatorRegistry.load(getClass().getClassLoader()), Clock.systemUTC(), timing,
                () -> false)) {
            CompiledPrompt prompt = run.compile(new PromptSource(path, URI.create("memory:/" + path), Optional.empty(), yaml));
            assertThat(prompt.errors()).isEmpty();
            List<PlannedCase> cases = prompt.fileOrThrow().testData().stream().map(t -> new PlannedCase(prompt, t)).toList();
            Optional<BatchSummary> summary = run.callInBatches(cases, output);
            List<CaseResult> results = new ArrayList<>();
            for (TestCase t : prompt.fileOrThrow().testData()) {
                results.add(run.run(prompt, t));
            }
            return new Outcome(summary, results);
        }
    }

    @Test
    void prompts_go_in_one_batch_and_their_judges_in_a_second_then_the_cases_run_on_the_answers() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(BatchModeTest::answer)) {
            Outcome outcome = run(config(server.baseUrl(), RecordingMode.RECORD, BatchSettings.on()), "prompts/returns.prompt.yml",
                    JudgeCallFailuresTest.FILE);

            assertThat(outcome.results()).allSatisfy(r -> {
                assertThat(r.error()).isNull();
                assertThat(r.passed()).isTrue();
                assertThat(r.response().origin()).isEqualTo(ModelResponse.Origin.REPLAYED);
            });
            assertThat(server.liveCalls()).as("nothing was called live").isEmpty();
            assertThat(server.uploads()).hasSize(2);
            assertThat(server.uploads().get(0).lines()).singleElement().satisfies(l -> assertThat(l.path("body").path("messages")
                    .path(1).path("content").asText()).isEqualTo("I bought hiking boots 12 days ago and never wore them. Can I still"
                            + " return them?"));
            assertThat(server.uploads().get(1).lines()).as("the judge, once the answer it grades was in").singleElement()
                    .satisfies(l -> assertThat(l.path("body").path("messages").path(0).path("content").asText())
                            .startsWith("Does this reply mention a restocking fee"));
            assertThat(server.uploads()).allSatisfy(u -> {
                assertThat(u.purpose()).isEqualTo("batch");
                assertThat(u.authorization()).isEqualTo("Bearer " + KEY);
                assertThat(u.content()).doesNotContain(KEY).doesNotContain("sk-");
            });
            assertThat(server.deletedFiles()).as("the uploaded files, once their jobs completed").containsExactly("file-1", "file-2");
            BatchSummary summary = outcome.batch().orElseThrow();
            assertThat(summary.jobs()).extracting(BatchSummary.Job::id, BatchSummary.Job::status, BatchSummary.Job::requests,
                    BatchSummary.Job::failed).containsExactly(org.assertj.core.groups.Tuple.tuple("batch_1", "completed", 1, 0),
                    org.assertj.core.groups.Tuple.tuple("batch_2", "completed", 1, 0));
            assertThat(summary.submittedCalls()).isEqualTo(2);
            // gpt-4o-mini: $0.15 in, $0.60 out per million; 70 + 95 tokens in, 38 + 14 out; half of that in batch
            double live = (165 * 0.15 + 52 * 0.60) / 1_000_000;
            assertThat(summary.estimatedCost()).isCloseTo(live / 2, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(summary.savedVersusLive()).isCloseTo(live / 2, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(recordings.resolve("prompts/returns.recordings.yml")).content()
                    .contains("we will email you a prepaid label", "call: judge:no invented fees");
            try (var files = Files.list(output)) {
                assertThat(files).as("the saved job ids are gone once their answers are recorded").isEmpty();
            }
        }
    }

    @Test
    void a_batch_line_carries_the_body_a_live_call_sends_and_its_recordings_replay_offline() throws Exception {
        List<JsonNode> liveBodies = new ArrayList<>();
        try (FakeOpenAiServer live = FakeOpenAiServer.start(r -> {
            liveBodies.add(r.body());
            return answer(r);
        })) {
            run(config(live.baseUrl(), RecordingMode.LIVE, BatchSettings.OFF), "prompts/triage.prompt.yml", TRIAGE);
        }
        try (FakeBatchServer server = FakeBatchServer.start(BatchModeTest::answer)) {
            run(config(server.baseUrl(), RecordingMode.AUTO, BatchSettings.on()), "prompts/triage.prompt.yml", TRIAGE);

            List<JsonNode> lines = server.uploads().get(0).lines();
            assertThat(lines).extracting(l -> l.path("body")).containsExactlyInAnyOrderElementsOf(liveBodies);
            assertThat(lines).extracting(l -> l.path("custom_id").asText()).doesNotHaveDuplicates()
                    .allMatch(id -> id.matches("ps-[0-9a-f]{40}"));
            assertThat(lines).allSatisfy(l -> {
                assertThat(l.path("method").asText()).isEqualTo("POST");
                assertThat(l.path("url").asText()).isEqualTo("/v1/chat/completions");
            });
        }
        // No server, no key: the batch's recordings answer a replay like a live run's would.
        RunConfig replay = config("http://127.0.0.1:9/v1", RecordingMode.REPLAY, BatchSettings.OFF)
                .withEndpoint(new OpenAiEndpoint(URI.create("https://api.openai.com/v1"), null, null));
        Outcome replayed = run(replay, "prompts/triage.prompt.yml", TRIAGE);
        assertThat(replayed.results()).allSatisfy(r -> assertThat(r.passed()).as(String.valueOf(r.error())).isTrue());
    }

    @Test
    void when_every_call_is_recorded_nothing_is_sent_and_no_key_is_needed() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(BatchModeTest::answer)) {
            run(config(server.baseUrl(), RecordingMode.RECORD, BatchSettings.on()), "prompts/triage.prompt.yml", TRIAGE);
            int requests = server.log().size();

            Outcome again = run(config(server.baseUrl(), RecordingMode.AUTO, BatchSettings.on())
                    .withEndpoint(new OpenAiEndpoint(URI.create("https://api.openai.com/v1"), null, null)), "prompts/triage.prompt.yml",
                    TRIAGE);

            assertThat(server.log()).hasSize(requests);
            assertThat(again.batch()).contains(new BatchSummary(List.of(), 0, 0, 0));
            assertThat(again.results()).allSatisfy(r -> assertThat(r.passed()).isTrue());
        }
    }

    @Test
    void in_auto_mode_only_the_calls_without_a_recording_are_sent() throws Exception {
        try (FakeOpenAiServer live = FakeOpenAiServer.start(BatchModeTest::answer)) {
            String one = TRIAGE.substring(0, TRIAGE.indexOf("  - name: dashboard down"));
            run(config(live.baseUrl(), RecordingMode.RECORD, BatchSettings.OFF), "prompts/triage.prompt.yml", one);
        }
        try (FakeBatchServer server = FakeBatchServer.start(BatchModeTest::answer)) {
            Outcome outcome = run(config(server.baseUrl(), RecordingMode.AUTO, BatchSettings.on()), "prompts/triage.prompt.yml",
                    TRIAGE);

            assertThat(server.uploads()).singleElement().satisfies(u -> assertThat(u.lines())
                    .extracting(l -> l.path("body").path("messages").path(1).path("content").asText())
                    .containsExactly("Since 9:00 every page of the dashboard answers HTTP 502.",
                            "Could you add a dark mode to the reporting screens?"));
            assertThat(outcome.results()).allSatisfy(r -> assertThat(r.passed()).isTrue());
        }
    }

    /** The dark-mode ticket fails in the batch (HTTP 500) and answers on the next try. */
    private static FakeOpenAiServer.Responder failingOnce(AtomicInteger darkMode) {
        return r -> r.lastMessage("user").contains("dark mode") && darkMode.getAndIncrement() == 0
                ? new FakeOpenAiServer.Status(500, "{\"error\": {\"message\": \"The server had an error while processing your"
                        + " request. Sorry about that!\", \"type\": \"server_error\"}}")
                : answer(r);
    }

    @Test
    void a_call_the_batch_failed_is_made_live_by_default() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(failingOnce(new AtomicInteger()))) {
            Outcome outcome = run(config(server.baseUrl(), RecordingMode.RECORD, BatchSettings.on()), "prompts/triage.prompt.yml",
                    TRIAGE);

            assertThat(server.liveCalls()).singleElement().satisfies(r -> assertThat(r.lastMessage("user")).contains("dark mode"));
            assertThat(outcome.result("dark mode").passed()).isTrue();
            assertThat(outcome.result("dark mode").response().origin()).isEqualTo(ModelResponse.Origin.RECORDED);
            assertThat(outcome.batch().orElseThrow().jobs()).singleElement()
                    .satisfies(j -> assertThat(j.failed()).isEqualTo(1));
        }
    }

    @Test
    void with_on_failure_batch_a_failed_call_goes_in_a_follow_up_batch() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(failingOnce(new AtomicInteger()))) {
            Outcome outcome = run(config(server.baseUrl(), RecordingMode.RECORD, BatchSettings.on()
                    .withOnFailure(BatchSettings.OnFailure.BATCH)), "prompts/triage.prompt.yml", TRIAGE);

            assertThat(server.liveCalls()).isEmpty();
            assertThat(server.uploads()).hasSize(2);
            assertThat(server.uploads().get(1).lines()).singleElement()
                    .satisfies(l -> assertThat(l.toString()).contains("dark mode"));
            assertThat(outcome.results()).allSatisfy(r -> assertThat(r.passed()).isTrue());
        }
    }

    @Test
    void with_on_failure_error_the_case_ends_in_an_error_naming_the_job_and_the_reason() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(failingOnce(new AtomicInteger()))) {
            Outcome outcome = run(config(server.baseUrl(), RecordingMode.RECORD, BatchSettings.on()
                    .withOnFailure(BatchSettings.OnFailure.ERROR)), "prompts/triage.prompt.yml", TRIAGE);

            assertThat(server.liveCalls()).isEmpty();
            assertThat(outcome.result("dark mode").error()).isInstanceOf(ModelCallException.class).hasMessage(
                    "batch job batch_1 reported this call as failed: HTTP 500: The server had an error while processing your"
                            + " request. Sorry about that!. With promptspec.batch.on-failure=live it is retried live instead");
            assertThat(outcome.result("wrong VAT").passed()).isTrue();
        }
    }

    /** The run's one job ended {@code status} with {@code unanswered} calls, which were made live: every case passed. */
    private static void assertUnansweredCallsWentLive(Outcome outcome, FakeBatchServer server, String status, int unanswered) {
        assertThat(outcome.batch().orElseThrow().jobs()).singleElement().satisfies(j -> {
            assertThat(j.status()).isEqualTo(status);
            assertThat(j.failed()).isEqualTo(unanswered);
        });
        assertThat(server.liveCalls()).hasSize(unanswered);
        assertThat(outcome.results()).allSatisfy(r -> assertThat(r.passed()).isTrue());
    }

    @Test
    void the_requests_an_expired_job_did_not_run_are_made_live() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(BatchModeTest::answer)) {
            server.expireAfter(1);
            Outcome outcome = run(config(server.baseUrl(), RecordingMode.RECORD, BatchSettings.on()), "prompts/triage.prompt.yml",
                    TRIAGE);

            assertUnansweredCallsWentLive(outcome, server, "expired", 2);
        }
    }

    @Test
    void a_run_that_stops_waiting_names_its_jobs_and_the_next_run_resumes_them_without_submitting_again() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(BatchModeTest::answer)) {
            server.holdJobs();
            RunConfig config = config(server.baseUrl(), RecordingMode.RECORD, BatchSettings.on().withMaxWait(Duration.ofMinutes(10)));

            assertThatThrownBy(() -> run(config, "prompts/triage.prompt.yml", TRIAGE)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("PromptSpec batch jobs still running (waited 10 min, the most promptspec.batch.max-wait=10"
                            + " min allows): batch_1. Nothing is lost: their ids are saved in " + output.resolve("promptspec-batch-"))
                    .hasMessageEndingWith("the next run of the same tests with promptspec.batch=true resumes waiting on them instead of"
                            + " submitting again (raise promptspec.batch.max-wait to wait longer)");
            try (var files = Files.list(output)) {
                assertThat(files).singleElement().satisfies(f -> assertThat(f).content().contains("batch_1").doesNotContain(KEY));
            }

            server.release();
            Outcome resumed = run(config, "prompts/triage.prompt.yml", TRIAGE);

            assertThat(server.uploads()).as("nothing submitted twice").hasSize(1);
            assertThat(server.jobsCreated()).isEqualTo(1);
            assertThat(server.liveCalls()).isEmpty();
            assertThat(resumed.results()).allSatisfy(r -> assertThat(r.passed()).isTrue());
            assertThat(resumed.batch().orElseThrow().submittedCalls()).isEqualTo(3);
        }
    }

    @Test
    void a_job_cancelled_meanwhile_leaves_its_calls_to_be_made_live_on_resume() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(BatchModeTest::answer)) {
            server.holdJobs();
            RunConfig config = config(server.baseUrl(), RecordingMode.RECORD, BatchSettings.on().withMaxWait(Duration.ofMinutes(1)));
            assertThatThrownBy(() -> run(config, "prompts/triage.prompt.yml", TRIAGE)).hasMessageContaining("batch_1");

            HttpResponse<String> cancelled = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/batches/batch_1/cancel")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(cancelled.body()).contains("\"status\":\"cancelling\"");
            server.release();
            Outcome resumed = run(config, "prompts/triage.prompt.yml", TRIAGE);

            assertUnansweredCallsWentLive(resumed, server, "cancelled", 3);
        }
    }

    @Test
    void a_batch_whose_worst_case_exceeds_the_budget_is_not_submitted_and_its_cases_are_skipped() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(BatchModeTest::answer)) {
            RunConfig config = config(server.baseUrl(), RecordingMode.RECORD, BatchSettings.on())
                    .withCalls(new CallPolicy(RetryPolicy.NONE, RateLimit.NONE, new Budget(5_000, 0), PriceTable.defaults()));
            Outcome outcome = run(config, "prompts/triage.prompt.yml", TRIAGE);

            assertThat(server.log()).isEmpty();
            assertThat(outcome.results()).allSatisfy(r -> assertThat(r.error()).isInstanceOfSatisfying(ModelCallException.class,
                    e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.BUDGET_EXCEEDED)));
            assertThat(outcome.results().get(0).error().getMessage()).startsWith("the run's budget is spent (batch round 1 (3 calls)"
                    + " may use up to 12,");
        }
    }

    @Test
    void every_sample_of_a_sampled_case_is_a_line_of_its_own_and_the_samples_replay_their_own_answers() throws Exception {
        String sampled = TRIAGE.substring(0, TRIAGE.indexOf("  - name: dashboard down"))
                .replace("model: gpt-4o-mini\n", "model: gpt-4o-mini\nsamples: 3\npassRate: 0.6\n");
        AtomicInteger drawn = new AtomicInteger();
        try (FakeBatchServer server = FakeBatchServer.start(r -> drawn.incrementAndGet() == 2
                ? new Completion("**other**\n\nA question about VAT on an invoice; it may be a tax matter for the customer's accountant.")
                : answer(r))) {
            Outcome outcome = run(config(server.baseUrl(), RecordingMode.RECORD, BatchSettings.on())
                    .withSampling(new SamplingSettings(null, null, null, SamplingPolicy.OBSERVED, null, "the test")),
                    "prompts/triage.prompt.yml", sampled);

            assertThat(server.uploads()).singleElement().satisfies(u -> assertThat(u.lines()).hasSize(3)
                    .extracting(l -> l.path("custom_id").asText()).doesNotHaveDuplicates());
            assertThat(server.liveCalls()).isEmpty();
            CaseResult result = outcome.result("wrong VAT");
            assertThat(result.sampling().samples()).extracting(s -> s.response().text())
                    .filteredOn(t -> t.startsWith("**other**")).as("the second answer, kept for its own sample").hasSize(1);
            assertThat(result.sampling().samples()).hasSize(3);
            assertThat(result.passed()).as("2 of 3 samples pass; passRate 0.6").isTrue();
        }
    }

    @Test
    void the_answers_are_on_disk_before_the_saved_jobs_are_forgotten() throws Exception {
        try (FakeBatchServer server = FakeBatchServer.start(BatchModeTest::answer);
                PromptRun run = new PromptRun(config(server.baseUrl(), RecordingMode.RECORD, BatchSettings.on()),
                        EvaluatorRegistry.load(getClass().getClassLoader()), Clock.systemUTC(), timing, () -> false)) {
            CompiledPrompt prompt = run.compile(new PromptSource("prompts/triage.prompt.yml", URI.create("memory:/triage"),
                    Optional.empty(), TRIAGE));
            run.callInBatches(prompt.fileOrThrow().testData().stream().map(t -> new PlannedCase(prompt, t)).toList(), output);

            // the run is still open: nothing was written at its close
            assertThat(recordings.resolve("prompts/triage.recordings.yml")).content()
                    .contains("Every dashboard page failing with HTTP 502");
            try (var files = Files.list(output)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void the_calls_of_one_request_in_two_samples_get_one_line_each() {
        Set<String> ids = Set.of(BatchAnswers.id("prompts/a.prompt.yml", "abc", 1), BatchAnswers.id("prompts/a.prompt.yml", "abc", 2),
                BatchAnswers.id("prompts/b.prompt.yml", "abc", 1));
        assertThat(ids).hasSize(3);
        assertThat(BatchAnswers.id("prompts/a.prompt.yml", "abc", 1)).isEqualTo(BatchAnswers.id("prompts/a.prompt.yml", "abc", 0));
        assertThat(ids.stream().map(String::length).collect(Collectors.toSet())).containsExactly(43);
    }
}
