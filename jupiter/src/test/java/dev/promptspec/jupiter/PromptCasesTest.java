package dev.promptspec.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

import dev.langchain4j.model.chat.ChatModel;
import dev.promptspec.eval.Verdict;
import dev.promptspec.run.TestCaseInputException;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A prompt file's {@code testData} as the arguments of a {@code @ParameterizedTest}, checked by the file's evaluators on
 * the application's answer: named, judged and failed exactly as the engine names, judges and fails the file's own cases
 * (each comparison runs the engine on the same file and the same answer).
 */
class PromptCasesTest {

    private static final String FILE = "prompts/refund-reply.prompt.yml";

    @TempDir
    Path recordings;

    static final List<String> names = new CopyOnWriteArrayList<>();
    static final Map<String, Object> seen = new ConcurrentHashMap<>();
    static final AtomicInteger bodies = new AtomicInteger();

    @BeforeEach
    void clear() {
        names.clear();
        seen.clear();
        bodies.set(0);
    }

    private Map<String, String> config(String mode, String baseUrl) {
        return Launcher.config(mode, baseUrl, recordings);
    }

    /** The engine's tests of a prompt file: display name to the failure it reported (null when it passed). */
    private static Map<String, Throwable> engine(String file, Map<String, String> config) {
        EngineExecutionResults results = EngineTestKit.engine("promptspec").selectors(selectClasspathResource(file))
                .configurationParameters(config).execute();
        Map<String, Throwable> out = new LinkedHashMap<>();
        for (Event e : results.testEvents().finished().list()) {
            out.put(e.getTestDescriptor().getDisplayName(),
                    e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElse(null));
        }
        return out;
    }

    /** Jupiter's invocations of a fixture: display name to what it threw (null when it passed). */
    private static Map<String, Throwable> jupiter(Class<?> fixture, Map<String, String> config) {
        Map<String, Throwable> out = new LinkedHashMap<>();
        for (Event e : Launcher.run(fixture, config).testEvents().finished().list()) {
            out.put(e.getTestDescriptor().getDisplayName(),
                    e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElse(null));
        }
        return out;
    }

    /** The application's code path: the ticket sent as it is, without the file's system prompt. */
    static class RefundReplyTest {
        @ParameterizedTest
        @PromptCases(FILE)
        void replies(PromptCase c, ChatModel model, TestInfo info) {
            names.add(info.getDisplayName() + " = " + c.name());
            Verdicts verdicts = c.check(model.chat(c.variable("ticket")));
            seen.put(c.name(), verdicts);
        }
    }

    @Test
    void each_entry_is_one_invocation_named_as_the_engine_names_it_and_passing_answers_return_the_verdicts() throws Exception {
        try (FakeOpenAiServer model = FakeOpenAiServer.start(RefundAnswers::answer)) {
            Map<String, Throwable> invocations = jupiter(RefundReplyTest.class, config("live", model.baseUrl()));
            Map<String, Throwable> engineCases = engine(FILE, config("live", model.baseUrl()));

            assertThat(engineCases).containsOnlyKeys("late parcel", "damaged boots").containsValues((Throwable) null);
            assertThat(invocations).containsOnlyKeys("[1] late parcel", "[2] damaged boots").containsValues((Throwable) null);
            assertThat(names).containsExactly("[1] late parcel = late parcel", "[2] damaged boots = damaged boots");
        }
        Verdicts verdicts = (Verdicts) seen.get("late parcel");
        assertThat(verdicts.asMap()).containsOnlyKeys("Next steps as bullets", "No AI disclaimer", "expected");
        assertThat(verdicts.get("expected")).isEqualTo(Verdict.pass("contains the expected \"48213\""));
        assertThat(verdicts.score()).isEqualTo(1.0);
        assertThatThrownBy(() -> verdicts.get("Tone")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no check named 'Tone' was made; the checks: Next steps as bullets, No AI disclaimer, expected");
    }

    @Test
    void a_failing_answer_fails_with_the_engine_s_verdicts_and_message() throws Exception {
        try (FakeOpenAiServer model = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Completion(RefundAnswers.TERSE))) {
            Map<String, Throwable> invocations = jupiter(RefundReplyTest.class, config("live", model.baseUrl()));
            Map<String, Throwable> engineCases = engine(FILE, config("live", model.baseUrl()));

            for (String name : List.of("late parcel", "damaged boots")) {
                Throwable ours = invocations.get("[" + (name.equals("late parcel") ? 1 : 2) + "] " + name);
                Throwable engines = engineCases.get(name);
                assertThat(engines).as(name).isInstanceOf(AssertionError.class);
                assertThat(ours).as(name).isInstanceOf(engines.getClass()).hasMessage(engines.getMessage());
            }
            assertThat(engineCases.get("damaged boots")).hasMessageStartingWith("2 of 3 checks failed for 'damaged boots' (")
                    .hasMessageContaining("  [FAIL] Next steps as bullets (markdown): ")
                    .hasMessageContaining("  [FAIL] expected (contains): does not contain the expected \"51877\" (ignoring case)")
                    .hasMessageContaining("Response (gpt-4o-mini-2024-07-18, live, ");
        }
    }

    static class FilteredTest {
        @ParameterizedTest
        @PromptCases(FILE)
        void replies(PromptCase c) {
            if (c.name().equals("late parcel")) {
                seen.put("filtered", c.check(RefundAnswers.TERSE, name -> !name.equals("Next steps as bullets")));
                try {
                    c.check(RefundAnswers.TERSE, name -> name.startsWith("Tone"));
                } catch (IllegalArgumentException e) {
                    seen.put("nothing left", e);
                }
            }
        }
    }

    @Test
    void a_filter_makes_only_the_checks_it_names_and_refuses_to_make_none() {
        Launcher.run(FilteredTest.class, config("replay", "http://127.0.0.1:9/v1")).testEvents()
                .assertStatistics(s -> s.started(2).succeeded(2));

        assertThat(((Verdicts) seen.get("filtered")).asMap()).containsOnlyKeys("No AI disclaimer", "expected");
        assertThat((Throwable) seen.get("nothing left")).hasMessage("the evaluator filter leaves no check of " + FILE
                + " to make; its checks: Next steps as bullets, No AI disclaimer, expected");
    }

    static class JudgedReplyTest {
        @ParameterizedTest
        @PromptCases("prompts/refund-reply-judged.prompt.yml")
        void replies(PromptCase c, ChatModel model) {
            seen.put("judge", c.check(model.chat(c.variable("ticket"))).get("No early refund promise"));
        }
    }

    @Test
    void judges_ask_the_configured_judge_through_the_test_s_recordings() throws Exception {
        String baseUrl;
        try (FakeOpenAiServer model = FakeOpenAiServer.start(RefundAnswers::answer)) {
            baseUrl = model.baseUrl();
            Launcher.run(JudgedReplyTest.class, config("record", baseUrl)).testEvents().assertStatistics(s -> s.succeeded(1));
            assertThat(model.requests()).hasSize(2);
            assertThat(model.requests().get(1).lastMessage("user")).contains("<reply>\n" + RefundAnswers.LATE_PARCEL);
        }
        List<String> entries = new ArrayList<>();
        for (Map<String, Object> e : RecordedChatModelTest.entries(recordings.resolve("jupiter/" + JudgedReplyTest.class.getName()
                + ".recordings.yml"))) {
            entries.add(e.get("case") + " / " + e.get("call"));
        }
        assertThat(entries).containsExactly("replies > [1] late parcel / call 1",
                "replies > [1] late parcel / judge:No early refund promise");
        assertThat(((Verdict) seen.get("judge")).passed()).isTrue();

        seen.clear();
        Launcher.run(JudgedReplyTest.class, config("replay", baseUrl)).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(((Verdict) seen.get("judge")).score()).isEqualTo(1.0);
    }

    static class RequiredVariableTest {
        @ParameterizedTest
        @PromptCases("prompts/required-variable.prompt.yml")
        void answers(PromptCase c) {
            bodies.incrementAndGet();
            c.check("Order " + c.variable("order_id") + " left our warehouse on Monday and arrives tomorrow.");
        }
    }

    @Test
    void an_entry_that_cannot_run_fails_its_invocation_as_the_engine_fails_its_case_before_the_test_s_code_runs() {
        Map<String, Throwable> invocations = jupiter(RequiredVariableTest.class, config("replay", "http://127.0.0.1:9/v1"));
        Map<String, Throwable> engineCases = engine("prompts/required-variable.prompt.yml", config("replay", "http://127.0.0.1:9/v1"));

        assertThat(invocations.get("[1] with an order")).isNull();
        assertThat(invocations.get("[2] without an order")).isInstanceOf(TestCaseInputException.class)
                .hasMessage(engineCases.get("without an order").getMessage())
                .hasMessageContaining("order_id");
        assertThat(bodies).hasValue(1);
    }

    static class BrokenFileTest {
        @ParameterizedTest
        @PromptCases("prompts/broken.prompt.yml")
        void answers(PromptCase c) {
            bodies.incrementAndGet();
        }
    }

    @Test
    void a_file_that_cannot_load_fails_the_parameterized_test_with_every_problem_at_its_position() {
        Map<String, Throwable> engineFile = new LinkedHashMap<>();
        EngineTestKit.engine("promptspec").selectors(selectClasspathResource("prompts/broken.prompt.yml"))
                .configurationParameters(config("replay", "http://127.0.0.1:9/v1")).execute().allEvents().failed().list()
                .forEach(e -> engineFile.put(e.getTestDescriptor().getDisplayName(),
                        e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()));

        Throwable failure = Launcher.onlyFailure(Launcher.run(BrokenFileTest.class, config("replay", "http://127.0.0.1:9/v1")));

        assertThat(failure).hasMessageStartingWith("prompts/broken.prompt.yml cannot run: 1 error\n  prompts/broken.prompt.yml:10:")
                .hasMessage(engineFile.values().iterator().next().getMessage());
        assertThat(bodies).hasValue(0);
    }

    static class MissingFileTest {
        @ParameterizedTest
        @PromptCases("prompts/refund-replies.prompt.yml")
        void answers(PromptCase c) {
        }
    }

    @Test
    void a_file_that_is_not_on_the_class_path_fails_the_parameterized_test() {
        assertThat(Launcher.onlyFailure(Launcher.run(MissingFileTest.class, config("replay", "http://127.0.0.1:9/v1"))))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@PromptCases(\"prompts/refund-replies.prompt.yml\") on MissingFileTest.answers: no such prompt file on"
                        + " the test class path (a file in src/test/resources/prompts/x.prompt.yml is named prompts/x.prompt.yml)");
    }
}
