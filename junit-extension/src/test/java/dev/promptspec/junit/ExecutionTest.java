package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.promptspec.config.Keys;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.run.TestCaseInputException;
import dev.promptspec.testing.FakeOpenAiServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.AssertionFailedError;

/** What JUnit hears while a prompt file runs: passes, assertion failures, and errors that are not assertions. */
class ExecutionTest {

    @PromptSpec("prompts/triage/triage.prompt.yml")
    static class Triage {
    }

    private FakeOpenAiServer server;
    private EngineExecutionResults results;

    @BeforeEach
    void run() throws Exception {
        server = FakeOpenAiServer.start(EngineKit::answer);
        // three retries (the default is 10): the failing ticket's attempts stay few enough to count
        results = EngineKit.live(server).configurationParameter(Keys.RETRIES, "3").selectors(selectClass(Triage.class)).execute();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestExecutionResult resultOf(String displayName) {
        return results.testEvents().finished().filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class)).findFirst().orElseThrow();
    }

    @Test
    void each_entry_is_a_test_in_file_order_and_every_one_runs() {
        results.testEvents().assertStatistics(s -> s.started(5).finished(5).succeeded(2).failed(3).skipped(0).aborted(0));
        Event file = results.containerEvents().started().filter(e -> e.getTestDescriptor().getDisplayName().equals("Ticket triage"))
                .findFirst().orElseThrow();
        assertThat(file.getTestDescriptor().getChildren()).extracting(d -> d.getDisplayName()).containsExactly(
                "wrong VAT", "dashboard down", "A feature request is other",
                "#4 ticket=\"Where do I change the email address that receives invoices?\" …", "no ticket");
        assertThat(results.testEvents().started().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .as("cases run concurrently: they start in any order").containsExactlyInAnyOrder(
                "wrong VAT", "dashboard down", "A feature request is other",
                "#4 ticket=\"Where do I change the email address that receives invoices?\" …", "no ticket");
        results.containerEvents().assertStatistics(s -> s.started(3).succeeded(3));
    }

    @PromptSpec("prompts/basic/greeting.prompt.yml")
    static class Greetings {
    }

    /**
     * Each test spans its own case, not the wait for its turn: the model holds Ada's answer until after it has answered
     * Grace, so Grace (second in the file) ends first, and Ada's test is still open when Grace's starts and ends.
     */
    @Test
    void a_quick_case_after_a_slow_one_ends_first_and_each_test_spans_its_own_case() throws Exception {
        java.util.concurrent.CountDownLatch graceAnswered = new java.util.concurrent.CountDownLatch(1);
        try (FakeOpenAiServer holding = FakeOpenAiServer.start(request -> {
            if (request.lastMessage("user").contains("Ada")) {
                try {
                    graceAnswered.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    Thread.sleep(300); // Grace's answer travels and is judged meanwhile: an ordering margin, not a timing check
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            FakeOpenAiServer.Reply reply = EngineKit.answer(request);
            if (request.lastMessage("user").contains("Grace")) {
                graceAnswered.countDown();
            }
            return reply;
        })) {
            EngineExecutionResults run = EngineKit.live(holding).selectors(selectClass(Greetings.class)).execute();

            run.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
            List<String> order = run.testEvents().list().stream()
                    .map(e -> e.getType() + " " + e.getTestDescriptor().getDisplayName()).toList();
            assertThat(order.indexOf("STARTED Ada")).as("Ada's test is open while Grace's ends").isLessThan(order.indexOf("FINISHED Grace"));
            assertThat(order.indexOf("FINISHED Grace")).isLessThan(order.indexOf("FINISHED Ada"));
        }
    }

    @Test
    void passing_entries_succeed() {
        results.testEvents().assertThatEvents().haveExactly(1, event(test("wrong VAT"), finishedSuccessfully()));
        assertThat(resultOf("#4 ticket=\"Where do I change the email address that receives invoices?\" …").getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void a_failed_check_is_one_assertion_error_listing_every_verdict_failing_first_and_the_response() {
        Throwable failure = resultOf("dashboard down").getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionFailedError.class).hasMessage("""
                1 of 2 checks failed for 'dashboard down' (prompts/triage/triage.prompt.yml:24:5)
                  [FAIL] expected (contains): does not contain the expected "incident" (ignoring case)
                  [pass] category in bold (regex): found "**other**" at line 1
                Response (gpt-4o-mini-2024-07-18, live, 191 chars):
                  | **other**
                  |\s
                  | - Reason: the customer cannot open the dashboard; this is often a local proxy or browser cache problem.
                  | - Route to: Customer support, to ask for a HAR file and the browser version.""");
    }

    /** A 500 is retried (promptspec.retries, here 3; the backoff runs on EngineKit's fake clock), then fails its test. */
    @Test
    void a_model_error_is_a_test_error_not_an_assertion_failure() {
        Throwable error = resultOf("A feature request is other").getThrowable().orElseThrow();
        assertThat(error).isInstanceOf(ModelCallException.class).isNotInstanceOf(AssertionError.class)
                .hasMessage(server.baseUrl() + " answered HTTP 500: The server had an error while processing your request."
                        + " Sorry about that! [4 attempts, all failed: HTTP 500, HTTP 500, HTTP 500, HTTP 500; gave up after 3"
                        + " retries (promptspec.retries)]");
        assertThat(((ModelCallException) error).status()).isEqualTo(500);
        assertThat(server.requestsMentioning("dark mode")).isEqualTo(4);
    }

    @Test
    void a_missing_required_variable_is_a_test_error_naming_it_and_the_entry_line_and_calls_nothing() {
        results.testEvents().assertThatEvents().haveExactly(1, event(test("no ticket"),
                finishedWithFailure(instanceOf(TestCaseInputException.class), message(
                        "prompts/triage/triage.prompt.yml:34:5: error: testData entry #5 has no value for the required"
                                + " variable 'ticket' (declared at line 10). Add 'ticket:' to this entry, or give the variable a"
                                + " default"))));
        assertThat(server.requests()).as("4 entries called, one of them 4 times; 'no ticket' never")
                .hasSize(7).allMatch(r -> r.lastMessage("user").startsWith("Ticket: ") && !r.lastMessage("user").contains("{{"));
    }

    @Test
    void no_error_message_or_report_entry_contains_the_key() {
        for (Event e : results.allEvents().list()) {
            e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .ifPresent(t -> assertThat(t.toString()).doesNotContain(EngineKit.KEY));
            e.getPayload(ReportEntry.class).ifPresent(r -> assertThat(r.getKeyValuePairs().values())
                    .noneMatch(v -> v.contains(EngineKit.KEY)));
        }
    }

    @Test
    void each_answered_case_publishes_model_usage_and_score_as_a_report_entry() {
        List<Map<String, String>> entries = results.allEvents().reportingEntryPublished()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals("dashboard down"))
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs()).toList();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("promptspec.model", "gpt-4o-mini-2024-07-18")
                    .containsEntry("promptspec.response", "live")
                    .containsEntry("promptspec.tokens.input", "100")
                    .containsEntry("promptspec.attempts", "1")
                    .containsEntry("promptspec.score", "0.50")
                    .containsKey("promptspec.latency-ms")
                    .containsKey("promptspec.cost-usd");
        });
        assertThat(results.testEvents().reportingEntryPublished().count()).as("cases that got an answer").isEqualTo(3);
        assertThat(results.containerEvents().reportingEntryPublished().list()).as("the run's usage, on the engine")
                .filteredOn(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().containsKey("promptspec.calls.live"))
                .singleElement()
                .satisfies(e -> assertThat(e.getTestDescriptor()).isInstanceOf(PromptSpecEngineDescriptor.class))
                .extracting(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .satisfies(run -> assertThat(run).containsEntry("promptspec.calls.live", "3")
                        .containsEntry("promptspec.calls.failed", "1")
                        .containsEntry("promptspec.attempts", "7")
                        .containsEntry("promptspec.retries", "3"));
    }

    @Test
    void the_engine_class_and_file_containers_succeed_when_their_tests_fail() {
        assertThat(results.containerEvents().finished().list())
                .extracting(e -> e.getTestDescriptor().getClass().getSimpleName(), e -> e.getTestDescriptor().getDisplayName(),
                        e -> e.getRequiredPayload(TestExecutionResult.class).getStatus())
                .containsExactly(
                        tuple("PromptFileDescriptor", "Ticket triage", TestExecutionResult.Status.SUCCESSFUL),
                        tuple("PromptClassDescriptor", "Triage", TestExecutionResult.Status.SUCCESSFUL),
                        tuple("PromptSpecEngineDescriptor", "PromptSpec", TestExecutionResult.Status.SUCCESSFUL));
        assertThat(results.allEvents().filter(e -> e.getType() == EventType.SKIPPED).count()).isZero();
    }
}
