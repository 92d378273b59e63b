package dev.promptspec.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Secret;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptRun;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.Prompts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation testing through a real run: the case is recorded against the fake server, then mutate mode replays it, calls
 * nothing, and judges each mutant with the case's own checks (CaseRunner, via {@link PromptRun#checkAnswer}).
 */
class MutationTestingTest {

    private static final String ANSWER = "Yes: unworn items can be returned within 30 days of purchase, so your boots qualify."
            + " Start the return from your order page and we will email you a prepaid label.";

    private static final String JUDGED = """
            name: Returns desk
            description: First-line answers to customers asking whether an item can still be sent back.
            model: gpt-4o-mini
            messages:
              - role: system
                content: |
                  You work the returns desk of Northwind Outfitters. Items can be returned within 30 days, unworn.
                  Answer in two sentences at most and say how to start a return.
              - role: user
                content: "{{question}}"
            testData:
              - name: unopened trail runners
                question: I got trail runners 12 days ago and they are still in the box. Can I still return them, and how?
            evaluators:
              - name: states the 30-day limit
                string: {contains: "30 days"}
              - name: charges nothing
                llm:
                  prompt: |
                    A returns-desk reply follows. Does it charge the customer anything (a fee, shipping, a deduction)?

                    {{completion}}
                  choices:
                    - {choice: "yes", score: 0}
                    - {choice: "no", score: 1}
            """;

    @TempDir
    Path recordings;

    /**
     * Records the case (prompt and judge) in auto mode, and the judge's verdicts on {@code alsoJudged} answers, then
     * mutation-tests the case in mutate mode, counting server calls.
     */
    private CaseMutations recordThenMutate(String file, String... alsoJudged) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> !r.lastMessage("user").startsWith("A returns-desk reply")
                ? new FakeOpenAiServer.Completion(ANSWER)
                : r.lastMessage("user").contains("cannot be returned")
                        ? new FakeOpenAiServer.Completion("It refuses the return, so the customer would pay for the item.\nAnswer: yes")
                        : new FakeOpenAiServer.Completion("The reply mentions no fee.\nAnswer: no"))) {
            RunConfig config = RunConfig.defaults().withRecordingsDir(recordings)
                    .withEndpoint(new OpenAiEndpoint(URI.create(server.baseUrl()), Secret.ofNullable("sk-test-0123456789abcdef"), "test"));
            try (PromptRun recording = new PromptRun(config.withMode(RecordingMode.AUTO), Prompts.REGISTRY, Clock.systemUTC(), () -> false)) {
                CompiledPrompt prompt = recording.compile(Prompts.source("prompts/returns.prompt.yml", file));
                assertThat(recording.run(prompt, prompt.fileOrThrow().testData().get(0)).passed()).isTrue();
            }
            try (PromptRun judging = new PromptRun(config.withMode(RecordingMode.AUTO), Prompts.REGISTRY, Clock.systemUTC(), () -> false)) {
                CompiledPrompt prompt = judging.compile(Prompts.source("prompts/returns.prompt.yml", file));
                TestCase t = prompt.fileOrThrow().testData().get(0);
                for (int i = 0; i < alsoJudged.length; i++) {
                    // Under a key of its own: a call recorded again for the same case would replace the case's recording.
                    // Replay finds a request by its fingerprint in the whole file, whatever case recorded it.
                    TestCase judgedAs = new TestCase(t.index(), "judged answer " + i, t.name(), t.description(), t.variables(),
                            t.expected(), t.tags(), t.problems(), t.position(), t.dataFile(), t.keyPositions());
                    judging.checkAnswer(prompt, judgedAs, null,
                            new ModelResponse(alsoJudged[i], null, null, "stop", null, 1, ModelResponse.Origin.LIVE), name -> true);
                }
            }
            int recorded = server.requests().size();
            try (PromptRun run = new PromptRun(config.withMode(RecordingMode.MUTATE), Prompts.REGISTRY, Clock.systemUTC(), () -> false)) {
                CompiledPrompt prompt = run.compile(Prompts.source("prompts/returns.prompt.yml", file));
                TestCase testCase = prompt.fileOrThrow().testData().get(0);
                CaseResult replayed = run.run(prompt, testCase);
                assertThat(replayed.passed()).isTrue();
                CaseMutations mutations = MutationTesting.analyse(prompt, replayed,
                        (answer, evaluators) -> run.checkAnswer(prompt, testCase, null, answer, evaluators));
                assertThat(server.requests()).as("mutate mode calls no model, not even a judge").hasSize(recorded);
                return mutations;
            }
        }
    }

    private static Map<String, List<String>> statusByOperator(CaseMutations m) {
        return m.mutants().stream().collect(Collectors.groupingBy(MutantOutcome::operator, java.util.LinkedHashMap::new,
                Collectors.mapping(o -> o.status().label() + (o.killedBy() == null ? "" : " by " + o.killedBy()), Collectors.toList())));
    }

    @Test
    void a_mutant_a_deterministic_check_fails_is_killed_and_one_only_the_unrecorded_judge_could_fail_is_not_checkable() throws Exception {
        CaseMutations m = recordThenMutate(JUDGED);

        assertThat(statusByOperator(m)).containsExactly(
                Map.entry("drop-mentioned-sentences", List.of("not-checkable")),
                Map.entry("negate", List.of("not-checkable")),
                Map.entry("truncate-half", List.of("not-checkable")),
                Map.entry("duplicate", List.of("not-checkable")),
                Map.entry("empty", List.of("killed by states the 30-day limit")),
                Map.entry("apology", List.of("killed by states the 30-day limit")));
        assertThat(m.killed()).isEqualTo(2);
        assertThat(m.applicable()).isEqualTo(2);
        assertThat(m.notCheckable()).isEqualTo(4);
        assertThat(m.describe()).isEqualTo("mutation score 1.00 (2 of 2 mutants killed; 4 not checkable offline)");
        assertThat(m.mutants()).filteredOn(o -> o.operator().equals("negate")).singleElement()
                .satisfies(o -> assertThat(o.diff()).isEqualTo("line 1: -\"can\" +\"cannot\""));
    }

    @Test
    void a_judge_call_recorded_for_a_mutant_is_replayed_and_decides_it() throws Exception {
        String negated = ANSWER.replace("can be returned", "cannot be returned");

        CaseMutations m = recordThenMutate(JUDGED, negated);

        assertThat(m.mutants()).filteredOn(o -> o.operator().equals("negate")).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(MutantOutcome.Status.KILLED))
                .satisfies(o -> assertThat(o.killedBy()).isEqualTo("charges nothing"));
        assertThat(m.describe()).isEqualTo("mutation score 1.00 (3 of 3 mutants killed; 3 not checkable offline)");
    }

    @Test
    void without_judges_every_mutant_is_decided_and_the_survivors_are_listed_with_their_diffs() throws Exception {
        String deterministic = JUDGED.substring(0, JUDGED.indexOf("  - name: charges nothing"))
                + "  - name: two sentences at most\n    length: {maxWords: 40}\n";

        CaseMutations m = recordThenMutate(deterministic);

        assertThat(statusByOperator(m)).containsExactly(
                Map.entry("drop-mentioned-sentences", List.of("survived")),
                Map.entry("negate", List.of("survived")),
                Map.entry("truncate-half", List.of("survived")),
                Map.entry("duplicate", List.of("killed by two sentences at most")),
                Map.entry("empty", List.of("killed by states the 30-day limit")),
                Map.entry("apology", List.of("killed by states the 30-day limit")));
        assertThat(m.score()).hasValue(0.5);
        assertThat(m.reaches(0.5)).isTrue();
        assertThat(m.reaches(0.6)).isFalse();
        assertThat(m.failureMessage(0.6, "'unopened trail runners' (prompts/returns.prompt.yml:12:5)")).isEqualTo("""
                mutation score 0.50 (3 of 6 mutants killed) is below the threshold 0.60 for 'unopened trail runners' \
                (prompts/returns.prompt.yml:12:5)
                Surviving mutants (the checks still pass on them):
                  drop-mentioned-sentences: line 1: -" Start the return from your order page a…(17 more)…you a prepaid label."
                  negate: line 1: -"can" +"cannot"
                  truncate-half: line 1: -" qualify. Start the return from your ord…(26 more)…you a prepaid label.\"""");
    }

    @Test
    void only_a_case_that_passed_is_mutated() throws Exception {
        CompiledPrompt prompt = Prompts.compile("prompts/returns.prompt.yml", JUDGED);
        TestCase testCase = prompt.fileOrThrow().testData().get(0);
        CaseResult failed = new CaseResult("prompts/returns.prompt.yml", testCase, null, null, List.of(),
                new IllegalStateException("no recorded response"), java.time.Duration.ZERO);

        assertThatThrownBy(() -> MutationTesting.analyse(prompt, failed, (a, e) -> Function.<CaseResult>identity().apply(failed)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only a case that passed on a response is mutated; unopened trail runners of prompts/returns.prompt.yml did not");
    }
}
