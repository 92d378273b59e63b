package dev.promptspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Secret;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.report.CaseMessages;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.Prompts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prompt file run end to end over real HTTP: render, call, evaluate, record. */
class PromptRunTest {

    private static final String KEY = "sk-test-R8pXv2LmQa7Kd3Nf9Ws1Tg6Y";
    private static final String FILE = """
            name: Release notes
            model: openai/gpt-4o-mini
            modelParameters:
              temperature: 0.2
            messages:
              - role: system
                content: You write release notes as a Markdown list with a heading.
              - role: user
                content: "Changes in {{version}}: {{changes}}"
            testData:
              - name: search
                version: "2.4"
                changes: faster search; fixed CSV export time zones
                expected: search
              - name: security
                version: "2.5"
                changes: patched the session fixation issue
                expected: session
            evaluators:
              - name: has a heading
                string:
                  startsWith: "## "
              - name: names the version
                string:
                  contains: "{{version}}"
            """;

    /** Answers as a release-notes model would, for whichever version it is asked about. */
    private static FakeOpenAiServer.Reply answer(FakeOpenAiServer.Received r) {
        String user = r.lastMessage("user");
        if (user.contains("2.4")) {
            return new FakeOpenAiServer.Completion("""
                    ## Release 2.4

                    - **Faster search**: results now appear in under 200 ms on large workspaces.
                    - **Fixed**: CSV exports use the workspace time zone instead of UTC.""");
        }
        return new FakeOpenAiServer.Completion("""
                Release notes:

                - **Security**: sessions are now renewed at sign-in, closing a session fixation issue.""");
    }

    @TempDir
    Path recordings;

    private RunConfig config(String baseUrl, String key, RecordingMode mode) {
        return RunConfig.defaults()
                .withEndpoint(new OpenAiEndpoint(URI.create(baseUrl), Secret.ofNullable(key), "test"))
                .withMode(mode)
                .withRecordingsDir(recordings);
    }

    private static List<CaseResult> runAll(RunConfig config) {
        try (PromptRun run = new PromptRun(config, Prompts.REGISTRY, Clock.systemUTC(), () -> false)) {
            CompiledPrompt prompt = run.compile(Prompts.source("prompts/release-notes.prompt.yml", FILE));
            List<TestCase> cases = prompt.fileOrThrow().testData();
            return cases.stream().map(tc -> run.submit(prompt, tc)).toList().stream().map(f -> f.join()).toList();
        }
    }

    @Test
    void the_response_text_reaches_the_evaluators_and_the_failure_message_lists_every_verdict() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(PromptRunTest::answer)) {
            List<CaseResult> results = runAll(config(server.baseUrl(), KEY, RecordingMode.LIVE));

            CaseResult search = results.get(0);
            assertThat(search.error()).isNull();
            assertThat(search.response().text()).startsWith("## Release 2.4");
            assertThat(search.checks()).extracting(CheckResult::name, CheckResult::passed).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("has a heading", true),
                    org.assertj.core.groups.Tuple.tuple("names the version", true),
                    org.assertj.core.groups.Tuple.tuple("expected", true));
            assertThat(search.passed()).isTrue();

            CaseResult security = results.get(1);
            assertThat(security.passed()).isFalse();
            assertThat(security.failedChecks()).extracting(CheckResult::name).containsExactly("has a heading", "names the version");
            assertThat(CaseMessages.failure(security, "'security'")).isEqualTo("""
                    2 of 3 checks failed for 'security' (prompts/release-notes.prompt.yml:15:5)
                      [FAIL] has a heading (string): does not start with "## " (ignoring case); starts with "Release notes:⏎⏎- *…"
                      [FAIL] names the version (string): does not contain "2.5" (ignoring case)
                      [pass] expected (contains): contains the expected "session"
                    Response (gpt-4o-mini-2024-07-18, live, 102 chars):
                      | Release notes:
                      |\s
                      | - **Security**: sessions are now renewed at sign-in, closing a session fixation issue.""");
            assertThat(server.requests()).extracting(FakeOpenAiServer.Received::model).containsOnly("openai/gpt-4o-mini");
        }
    }

    @Test
    void recordings_replay_offline_and_never_hold_the_key() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(PromptRunTest::answer)) {
            List<CaseResult> recorded = runAll(config(server.baseUrl(), KEY, RecordingMode.RECORD));
            assertThat(recorded).extracting(r -> r.response().origin()).containsOnly(ModelResponse.Origin.RECORDED);
            assertThat(server.requests()).hasSize(2);
        }
        try (Stream<Path> files = Files.walk(recordings)) {
            List<Path> written = files.filter(Files::isRegularFile).toList();
            assertThat(written).containsExactly(recordings.resolve("prompts/release-notes.recordings.yml"));
            for (Path p : written) {
                assertThat(Files.readString(p)).contains("Faster search").doesNotContain(KEY).doesNotContain(KEY.substring(8))
                        .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("bearer");
            }
        }

        // No server, no key: replay answers everything, and the verdicts are the same as live.
        List<CaseResult> replayed = runAll(config("http://127.0.0.1:9/v1", null, RecordingMode.REPLAY));
        assertThat(replayed).extracting(r -> r.response().origin()).containsOnly(ModelResponse.Origin.REPLAYED);
        assertThat(replayed).extracting(CaseResult::passed).containsExactly(true, false);
    }

    @Test
    void no_key_for_a_remote_endpoint_is_an_error_naming_the_variable_never_a_null_pointer() {
        RunConfig noKey = RunConfig.defaults().withMode(RecordingMode.LIVE).withRecordingsDir(recordings);
        List<CaseResult> results = runAll(noKey);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.error()).isInstanceOfSatisfying(ModelCallException.class,
                    e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.MISSING_CREDENTIALS));
            assertThat(r.error()).hasMessage("no API key for https://api.openai.com/v1: set the environment variable OPENAI_API_KEY,"
                    + " or the configuration parameter promptspec.openai.api-key (e.g. -Dpromptspec.openai.api-key=... on the command"
                    + " line; keep keys out of committed files). To record the answers (on a first run), set the key and run again, in the default mode or with"
                    + " -Dpromptspec.mode=record; -Dpromptspec.mode=replay runs without a key, but only the cases recorded in "
                    + recordings);
            assertThat(r.passed()).isFalse();
        });
    }

    /** A first run: nothing recorded and no key. Replay cannot help yet; recording can, and the message says how. */
    @Test
    void a_first_run_without_a_key_says_to_record_and_where_replay_would_look() {
        List<CaseResult> results = runAll(RunConfig.defaults().withRecordingsDir(recordings));

        assertThat(results.get(0).error()).hasMessage("prompts/release-notes.prompt.yml [search]: no recorded response (looked in "
                + recordings.resolve("prompts/release-notes.recordings.yml") + ")\nIt cannot be recorded now: no API key for"
                + " https://api.openai.com/v1: set the environment variable OPENAI_API_KEY, or the configuration parameter"
                + " promptspec.openai.api-key (e.g. -Dpromptspec.openai.api-key=... on the command line; keep keys out of committed"
                + " files). To record the answers (on a first run),"
                + " set the key and run again, in the default mode or with -Dpromptspec.mode=record; -Dpromptspec.mode=replay runs"
                + " without a key, but only the cases recorded in " + recordings);
    }

    @Test
    void a_local_endpoint_needs_no_key() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(PromptRunTest::answer)) {
            List<CaseResult> results = runAll(config(server.baseUrl(), null, RecordingMode.LIVE));
            assertThat(results).extracting(CaseResult::error).containsOnlyNulls();
            assertThat(server.requests().get(0).header("Authorization")).doesNotContain("sk-");
        }
    }

    @Test
    void closing_the_run_stops_the_threads_of_the_http_client_it_created() throws Exception {
        Set<Thread> before = selectorThreads();
        try (FakeOpenAiServer server = FakeOpenAiServer.start(PromptRunTest::answer)) {
            Set<Thread> started;
            try (PromptRun run = new PromptRun(config(server.baseUrl(), KEY, RecordingMode.LIVE), Prompts.REGISTRY, Clock.systemUTC(),
                    () -> false)) {
                CompiledPrompt prompt = run.compile(Prompts.source("prompts/release-notes.prompt.yml", FILE));
                assertThat(run.submit(prompt, prompt.fileOrThrow().testData().get(0)).join().error()).isNull();
                started = selectorThreads();
                started.removeAll(before);
                assertThat(started).as("the run's HTTP client's selector thread").hasSize(1);
            }
            for (Thread t : started) {
                t.join(5_000);
                assertThat(t.isAlive()).as(t.getName() + " after the run closed").isFalse();
            }
        }
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager") && t.isAlive())
                .collect(Collectors.toSet());
    }

    /**
     * A case waiting before its retry lends its place in the pool: with one place, the next case runs during that wait
     * instead of after it. The wait here ends when the next case's call reaches the server, or after 10 s.
     */
    @Test
    void a_case_waiting_before_a_retry_lets_the_next_case_run_meanwhile() throws Exception {
        java.util.concurrent.CountDownLatch nextCaseCalled = new java.util.concurrent.CountDownLatch(1);
        List<Boolean> waitsCutShortByTheNextCase = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.promptspec.model.Timing timing = new dev.promptspec.model.Timing() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(java.time.Duration duration) throws InterruptedException {
                waitsCutShortByTheNextCase.add(nextCaseCalled.await(10, java.util.concurrent.TimeUnit.SECONDS));
            }

            @Override
            public boolean sleepUnlessCancelled(java.time.Duration duration, java.util.function.BooleanSupplier cancelled) {
                try {
                    sleep(duration);
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        };
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> {
            if (calls.incrementAndGet() == 1) {
                return new FakeOpenAiServer.Status(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", java.util.Map.of("Retry-After", "1"),
                        java.time.Duration.ZERO);
            }
            if (r.lastMessage("user").contains("2.5")) {
                nextCaseCalled.countDown();
            }
            return answer(r);
        })) {
            List<CaseResult> results;
            try (PromptRun run = new PromptRun(config(server.baseUrl(), KEY, RecordingMode.LIVE).withConcurrency(1), Prompts.REGISTRY,
                    Clock.systemUTC(), timing, () -> false)) {
                CompiledPrompt prompt = run.compile(Prompts.source("prompts/release-notes.prompt.yml", FILE));
                results = prompt.fileOrThrow().testData().stream().map(tc -> run.submit(prompt, tc)).toList().stream()
                        .map(f -> f.join()).toList();
            }

            assertThat(results).extracting(CaseResult::error).containsOnlyNulls();
            assertThat(waitsCutShortByTheNextCase).as("the first case's wait ended because the second case called").containsExactly(true);
        }
    }
}
