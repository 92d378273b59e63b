package dev.promptspec.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptCompiler;
import dev.promptspec.run.PromptRun;
import dev.promptspec.testing.FakeOpenAiServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code similar:} with the real all-MiniLM-L6-v2 model, run in-process by onnxruntime. */
class SimilarEvaluatorTest {

    static final String PASSWORD_REFERENCE = "To reset your password, open Settings, go to Security and choose Reset password."
            + " We email you a link that is valid for 30 minutes.";
    static final String REFUND_REFERENCE = "Refunds are issued to the original payment method within 5 to 7 business days"
            + " after we receive the returned item.";

    /** A paraphrase of the reference: same facts, other words. */
    static final String PASSWORD_ANSWER = "You can change your password yourself: in the app, go to Settings > Security and tap"
            + " \"Reset password\". You'll get an email with a reset link; it expires after 30 minutes, so use it right away.";
    /** On topic, but says something else than the reference. */
    static final String REFUND_ANSWER = "Unfortunately we cannot offer refunds on sale items; you can exchange them for store"
            + " credit instead.";

    static final String YAML = """
            name: Help center answers
            model: gpt-4o-mini
            messages:
              - role: system
                content: Answer customer questions from the help center in two sentences.
              - role: user
                content: "{{question}}"
            testData:
              - name: password reset
                question: How do I reset my password?
                expected: "%s"
              - name: refund timing
                question: When will I get my money back for a returned jacket?
                expected: "%s"
            evaluators:
              - name: says what the help center says
                similar:
                  to: "{{expected}}"
              - name: roughly on topic
                similar:
                  to: "{{expected}}"
                  threshold: 0.5
            """.formatted(PASSWORD_REFERENCE, REFUND_REFERENCE);

    @TempDir
    Path dir;

    private static PromptSource source(String yaml) {
        return new PromptSource("prompts/help.prompt.yml", URI.create("classpath:prompts/help.prompt.yml"), Optional.empty(), yaml);
    }

    private static EvaluatorRegistry registry() {
        return EvaluatorRegistry.load(SimilarEvaluatorTest.class.getClassLoader());
    }

    @Test
    void is_registered_through_service_loader() {
        assertThat(registry().kinds()).contains("similar", "string", "llm", "uses");
    }

    @Test
    void a_paraphrase_passes_and_an_on_topic_answer_that_says_something_else_fails() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Completion(
                r.lastMessage("user").contains("password") ? PASSWORD_ANSWER : REFUND_ANSWER));
                PromptRun run = new PromptRun(RunConfig.defaults().withMode(RecordingMode.LIVE).withRecordingsDir(dir)
                        .withEndpoint(new OpenAiEndpoint(URI.create(server.baseUrl()), null, null)), registry(), Clock.systemUTC(), () -> false)) {
            CompiledPrompt prompt = run.compile(source(YAML));
            assertThat(prompt.problems()).isEmpty();
            List<CaseResult> results = prompt.fileOrThrow().testData().stream().map(tc -> run.run(prompt, tc)).toList();

            CheckResult password = results.get(0).checks().get(0);
            assertThat(password.passed()).as(password.verdict().detail()).isTrue();
            assertThat(password.verdict().score()).isGreaterThan(0.72);
            assertThat(password.verdict().detail()).matches("cosine similarity 0\\.\\d\\d to \"To reset your password, open Settings, go to"
                    + " Security and c…\" \\(passes at ≥ 0\\.70\\)");

            CheckResult refund = results.get(1).checks().get(0);
            assertThat(refund.passed()).as(refund.verdict().detail()).isFalse();
            assertThat(refund.verdict().score()).isBetween(0.45, 0.68);
            assertThat(refund.verdict().detail()).matches("cosine similarity 0\\.\\d\\d to \"Refunds are issued .*\" \\(needs ≥ 0\\.70\\)");
            assertThat(results.get(1).checks().get(1).passed()).as("a lower threshold accepts it").isTrue();

            assertThat(results).allSatisfy(r -> assertThat(r.checks()).extracting(CheckResult::name)
                    .as("similar reads {{expected}}: no implicit contains-check").doesNotContain("expected"));
        }
    }

    @Test
    void identical_texts_are_fully_similar_and_unrelated_ones_hardly() {
        assertThat(MiniLm.cosine(PASSWORD_REFERENCE, PASSWORD_REFERENCE)).isCloseTo(1.0, within(1e-4));
        assertThat(MiniLm.cosine(REFUND_REFERENCE, "Your order 48213 shipped on 18 November with UPS and should arrive on 21 November."))
                .isLessThan(0.4);
    }

    @Test
    void short_form_and_malformed_settings() {
        PromptCompiler compiler = new PromptCompiler(RunConfig.defaults().limits(), registry());
        assertThat(compiler.compile(source(YAML.replace("  - name: roughly on topic\n    similar:\n      to: \"{{expected}}\"\n      threshold: 0.5\n",
                "  - name: short form\n    similar: \"{{expected}}\"\n"))).problems()).isEmpty();

        CompiledPrompt noTo = compiler.compile(source(YAML.replace("      to: \"{{expected}}\"\n      threshold: 0.5", "      threshold: 0.5")));
        assertThat(noTo.errors()).extracting(Problem::format).containsExactly("prompts/help.prompt.yml:21:7: error: similar evaluator"
                + " 'roughly on topic' has no 'to'. Add to: with the reference text, usually \"{{expected}}\"");

        CompiledPrompt badThreshold = compiler.compile(source(YAML.replace("threshold: 0.5", "threshold: 70")));
        assertThat(badThreshold.errors()).extracting(Problem::format).containsExactly("prompts/help.prompt.yml:22:18: error: 'threshold' in"
                + " similar evaluator 'roughly on topic' must be between 0 and 1, not 70. Use a value from 0 to 1");

        CompiledPrompt typo = compiler.compile(source(YAML.replace("      to: \"{{expected}}\"\n      threshold", "      to: \"{{expected}}\"\n      treshold")));
        assertThat(typo.errors()).extracting(Problem::format).singleElement().asString()
                .startsWith("prompts/help.prompt.yml:22:7: error: unknown key 'treshold' in similar evaluator 'roughly on topic' — did you mean 'threshold'?");
    }
}
