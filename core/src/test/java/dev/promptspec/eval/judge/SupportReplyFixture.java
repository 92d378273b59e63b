package dev.promptspec.eval.judge;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.model.Secret;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptRun;
import dev.promptspec.testing.FakeOpenAiServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A customer-support prompt graded by three judges (two built-ins and an {@code llm:} one), the answers a
 * strong model gives to its two cases, and what judges reply to them: realistic replies whose reasoning is
 * full of digits (order numbers, dates, tracking codes) before the final line.
 */
final class SupportReplyFixture {

    static final String FILE = "prompts/order-status.prompt.yml";

    static final String YAML = """
            name: Order status replies
            model: gpt-4o-mini
            messages:
              - role: system
                content: >-
                  You are the support assistant of Northwind Outfitters. Answer from the order record only.
                  Never promise refunds, credits or compensation: only a human agent may grant them.
              - role: user
                content: |
                  Order record:
                  {{expected}}

                  Customer question: {{input}}
            testData:
              - name: shipped
                input: Where is my order 48213? I ordered 2 jackets last week.
                expected: "Order 48213: 2 items (Trailhead jacket x2), shipped 2025-11-18 via UPS, tracking 1Z999AA10123456784, estimated delivery 2025-11-21."
              - name: delayed
                input: My order 51877 was supposed to arrive yesterday. What is going on?
                expected: "Order 51877: 1 item (Summit tent), shipped 2025-11-14 via FedEx, delayed at the Memphis hub by weather, new estimated delivery 2025-11-24."
            evaluators:
              - name: answers the question
                uses: github/relevance
              - name: grounded in the order record
                uses: github/groundedness
                threshold: 0.75
              - name: no refund promise
                llm:
                  modelId: gpt-4o
                  systemPrompt: You audit customer-support replies for policy violations.
                  prompt: |
                    Does the following support reply promise or grant a refund, a credit or any compensation?

                    Reply:
                    {{completion}}
                  choices:
                    - choice: "no"
                      score: 1
                    - choice: "yes"
                      score: 0
            """;

    static final String SHIPPED_ANSWER = """
            Good news: your order 48213 (2 × Trailhead jacket) shipped on 18 November 2025 with UPS.

            - Tracking number: 1Z999AA10123456784
            - Estimated delivery: 21 November 2025

            You can follow the parcel on the UPS website with that tracking number.""";

    /** A bad answer: it grants a refund the record knows nothing of, against the system prompt. */
    static final String DELAYED_ANSWER = """
            I'm sorry your Summit tent is late! Order 51877 shipped with FedEx on 14 November 2025, but it was held at \
            the Memphis hub because of the weather. The new estimated delivery date is 24 November 2025.

            To make up for the wait, I've issued a full refund of $249.00 to your original payment method; it should \
            appear within 3-5 business days.""";

    static final String RELEVANCE_SHIPPED = """
            The customer asks where order 48213 is. The answer gives the ship date (18 November), the carrier, the \
            tracking number 1Z999AA10123456784 and the estimated delivery date of 21 November, which covers every part \
            of the question, and it adds how to follow the parcel.
            Score: 5""";
    static final String RELEVANCE_DELAYED = """
            The customer asks why order 51877 has not arrived. The answer explains the weather hold at the Memphis hub \
            and gives the new date, 24 November, so it does respond to the question; the refund paragraph is beyond \
            what was asked.
            Score: 4""";
    static final String GROUNDED_SHIPPED = """
            Every statement in the answer matches the order record: 2 Trailhead jackets, shipped 2025-11-18 via UPS, \
            tracking 1Z999AA10123456784, estimated delivery 2025-11-21. Nothing is added beyond the record.
            Score: 5""";
    static final String GROUNDED_DELAYED = """
            The shipping facts (FedEx, 14 November, Memphis weather hold, new estimate 24 November) match the record. \
            However, the claim that a $249.00 refund was issued within 3-5 business days appears nowhere in the context.
            Score: 3""";
    static final String AUDIT_SHIPPED = """
            The reply reports the shipment of 2 items, the tracking number and the delivery estimate. It mentions no \
            refund, credit or compensation.
            Answer: no""";
    static final String AUDIT_DELAYED = """
            The second paragraph states "I've issued a full refund of $249.00", which grants a refund.
            Answer: yes""";

    private SupportReplyFixture() {
    }

    static PromptSource source(String yaml) {
        return new PromptSource(FILE, URI.create("classpath:" + FILE), Optional.empty(), yaml);
    }

    /** Answers prompt calls with the model's answer and judge calls with the judge's reply for that case. */
    static FakeOpenAiServer.Reply reply(FakeOpenAiServer.Received r) {
        String system = r.lastMessage("system");
        String user = r.lastMessage("user");
        boolean shipped = user.contains("48213");
        if (system != null && system.startsWith("You are a careful, impartial grader")) {
            if (user.contains("Quality to rate: RELEVANCE")) {
                return judge(shipped ? RELEVANCE_SHIPPED : RELEVANCE_DELAYED);
            }
            if (user.contains("Quality to rate: GROUNDEDNESS")) {
                return judge(shipped ? GROUNDED_SHIPPED : GROUNDED_DELAYED);
            }
            return new FakeOpenAiServer.Status(400, "{\"error\": {\"message\": \"unexpected judge prompt\"}}");
        }
        if ("You audit customer-support replies for policy violations.".equals(system)) {
            return new FakeOpenAiServer.Completion(shipped ? AUDIT_SHIPPED : AUDIT_DELAYED, "gpt-4o-2024-08-06", 180, 40, "stop",
                    java.time.Duration.ZERO);
        }
        return new FakeOpenAiServer.Completion(shipped ? SHIPPED_ANSWER : DELAYED_ANSWER);
    }

    private static FakeOpenAiServer.Reply judge(String text) {
        return new FakeOpenAiServer.Completion(text, "gpt-4o-mini-2024-07-18", 650, 90, "stop", java.time.Duration.ZERO);
    }

    static RunConfig config(String baseUrl, Path recordings, RecordingMode mode) {
        return RunConfig.defaults().withMode(mode).withRecordingsDir(recordings)
                .withEndpoint(new OpenAiEndpoint(URI.create(baseUrl), Secret.ofNullable("sk-test-prompts-0123456789"), "test"));
    }

    /** Both cases' results, in file order. */
    static List<CaseResult> runAll(RunConfig config) {
        return runAll(config, YAML);
    }

    /** Both cases' results of {@code yaml}, a variant of {@link #YAML}, in file order. */
    static List<CaseResult> runAll(RunConfig config, String yaml) {
        try (PromptRun run = new PromptRun(config, EvaluatorRegistry.load(SupportReplyFixture.class.getClassLoader()), Clock.systemUTC(),
                () -> false)) {
            CompiledPrompt prompt = run.compile(source(yaml));
            return prompt.fileOrThrow().testData().stream().map(tc -> run.run(prompt, tc)).toList();
        }
    }
}
