package dev.promptspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.promptspec.config.Budget;
import dev.promptspec.config.CallPolicy;
import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.PriceTable;
import dev.promptspec.config.RateLimit;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RetryPolicy;
import dev.promptspec.config.RunConfig;
import dev.promptspec.internal.model.langchain.ChatModelClient;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.Secret;
import dev.promptspec.model.Timing;
import dev.promptspec.model.cost.RunUsage;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.report.UsageSummary;
import dev.promptspec.testing.FakeOpenAiServer.Completion;
import dev.promptspec.testing.FakeOpenAiServer.Garbage;
import dev.promptspec.testing.FakeOpenAiServer.Status;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.FakeTiming;
import dev.promptspec.testing.Prompts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain of a run (meter, recordings, retries, the adaptive concurrency limit, budget, watchdog, provider)
 * under the faults of issue 9: a server that keeps rate-limiting and failing, and a model that ignores interrupts.
 * Retry waits run on a fake clock; every test has a bound, so a hang fails it instead of the build.
 */
class ModelLayerUnderPressureTest {

    private static final Pattern ORDER = Pattern.compile("order (A-\\d+)");

    @TempDir
    Path recordings;

    /** {@code cases} cases, each asking about its own order and checking that the answer names it. */
    private static String ordersFile(int cases) {
        StringBuilder yaml = new StringBuilder("""
                name: Order status
                model: gpt-4o-mini
                messages:
                  - role: system
                    content: You tell customers where their order is, in one sentence.
                  - role: user
                    content: "Where is my order {{order}}?"
                evaluators:
                  - name: names the order
                    string: {contains: "{{order}}"}
                testData:
                """);
        for (int i = 1; i <= cases; i++) {
            yaml.append("  - name: order ").append(i).append('\n').append("    order: A-").append(100 + i).append('\n');
        }
        return yaml.toString();
    }

    private static Completion answerFor(FakeOpenAiServer.Received r) {
        Matcher m = ORDER.matcher(r.lastMessage("user"));
        String order = m.find() ? m.group(1) : "unknown";
        return new Completion("Your order " + order + " left our warehouse yesterday and should reach you within two working days.");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void rate_limits_server_errors_and_proxy_pages_every_few_calls_still_end_in_an_answer_for_every_case() throws Exception {
        int cases = 300;
        AtomicInteger n = new AtomicInteger();
        AtomicInteger sent429 = new AtomicInteger();
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> {
            int k = n.incrementAndGet();
            if (k % 5 == 0) {
                sent429.incrementAndGet();
                return new Status(429, "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests per min (RPM):"
                        + " Limit 500, Used 500.\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                        Map.of("Retry-After", "0"), Duration.ZERO);
            }
            if (k % 7 == 0) {
                return new Status(500, "{\"error\":{\"message\":\"The server had an error while processing your request.\"}}");
            }
            if (k % 11 == 0) {
                return new Garbage("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                        + "</center><hr><center>nginx</center></body></html>");
            }
            return answerFor(r);
        })) {
            RunConfig config = RunConfig.defaults().withMode(RecordingMode.LIVE).withRecordingsDir(recordings)
                    .withEndpoint(new OpenAiEndpoint(URI.create(server.baseUrl()), Secret.ofNullable("sk-test-faults-0123456789"), "test"))
                    // The defaults: rate limits are retried within promptspec.retry.max-total-wait however many there are, the
                    // other faults up to promptspec.retries (10): a call gives up only after 11 of them, ≈ 0.27^11 here.
                    .withConcurrency(16);
            WaitCounting timing = new WaitCounting();
            List<CaseResult> results;
            RunUsage usage;
            try (PromptRun run = new PromptRun(config, Prompts.REGISTRY, Clock.systemUTC(), timing, () -> false)) {
                CompiledPrompt prompt = run.compile(Prompts.source("prompts/orders.prompt.yml", ordersFile(cases)));
                List<TestCase> testCases = prompt.fileOrThrow().testData();
                results = testCases.stream().map(tc -> run.submit(prompt, tc)).toList().stream()
                        .map(f -> f.orTimeout(2, TimeUnit.MINUTES).join()).toList();
                usage = run.usage();
            }

            assertThat(results).hasSize(cases).allSatisfy(r -> assertThat(r.passed()).as("%s: %s", r.testCase().key(), r.error()).isTrue());
            int requests = server.requests().size();
            assertThat(usage.liveCalls()).isEqualTo(cases);
            assertThat(usage.failedCalls()).isZero();
            assertThat(usage.attempts()).isEqualTo(requests);
            assertThat(usage.retries()).isEqualTo(requests - cases);
            assertThat(usage.rateLimited()).isEqualTo(sent429.get()).isGreaterThanOrEqualTo(requests / 5);
            assertThat(usage.retryWait()).isEqualTo(timing.waited()).isPositive();
            assertThat(usage.concurrency()).isEqualTo(16);
            assertThat(usage.lowestConcurrency()).as("rate limits lowered the limit, never to nothing").isBetween(1, 15);
            assertThat(server.maxConcurrentRequests()).isLessThanOrEqualTo(16);
            assertThat(UsageSummary.line(usage)).startsWith("PromptSpec: 300 model calls (300 live, 0 replayed), "
                    + (requests - cases) + " retries (" + sent429.get() + " rate-limited), ");
        }
    }

    /**
     * The fake clock, adding up the waits asked of it. (What the clock itself advances by is less: with many threads
     * sleeping on one fake clock, each one's sleep also moves the others' deadlines closer.)
     */
    private static final class WaitCounting implements Timing {
        private final FakeTiming clock = new FakeTiming();
        private final AtomicLong waitedNanos = new AtomicLong();

        @Override
        public long nanoTime() {
            return clock.nanoTime();
        }

        @Override
        public void sleep(Duration duration) {
            clock.sleep(duration);
        }

        @Override
        public boolean sleepUnlessCancelled(Duration duration, BooleanSupplier cancelled) {
            waitedNanos.addAndGet(duration.toNanos());
            return Timing.super.sleepUnlessCancelled(duration, cancelled);
        }

        Duration waited() {
            return Duration.ofNanos(waitedNanos.get());
        }
    }

    /** A model with no timeout of its own that does not stop when interrupted: it answers after {@code work}, always. */
    private static final class StubbornModel implements ChatModel {
        final Duration work;
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostInside = new AtomicInteger();
        final AtomicInteger entries = new AtomicInteger();
        final AtomicInteger interruptsIgnored = new AtomicInteger();

        StubbornModel(Duration work) {
            this.work = work;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            entries.incrementAndGet();
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                long end = System.nanoTime() + work.toNanos();
                for (long left = work.toNanos(); left > 0; left = end - System.nanoTime()) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(left);
                    } catch (InterruptedException ignored) {
                        interruptsIgnored.incrementAndGet(); // and carry on, flag cleared
                    }
                }
                return ChatResponse.builder().aiMessage(AiMessage.from("Your order left our warehouse yesterday.")).build();
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void a_model_that_ignores_interrupts_never_has_more_calls_in_flight_than_the_concurrency_and_its_cases_time_out()
            throws Exception {
        StubbornModel model = new StubbornModel(Duration.ofMillis(300));
        SuppliedModel supplied = new SuppliedModel("StubbornTest.model()", Optional.of("stubborn-1"),
                () -> ChatModelClient.portable(model, "StubbornTest.model()"));
        RunConfig config = RunConfig.defaults().withMode(RecordingMode.LIVE).withRecordingsDir(recordings)
                .withConcurrency(2)
                .withTimeout(Duration.ofMillis(50))
                .withCalls(new CallPolicy(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofSeconds(1)), RateLimit.NONE, Budget.NONE,
                        PriceTable.defaults()));
        List<CaseResult> results;
        try (PromptRun run = new PromptRun(config, Prompts.REGISTRY, Clock.systemUTC(), new FakeTiming(), () -> false)) {
            // Three cases, six attempts: fewer than the failures in a row (8) after which the run stops retrying.
            CompiledPrompt prompt = run.compile(Prompts.source("prompts/orders.prompt.yml", ordersFile(3)));
            results = prompt.fileOrThrow().testData().stream().map(tc -> run.submit(prompt, tc, supplied)).toList().stream()
                    .map(f -> f.orTimeout(1, TimeUnit.MINUTES).join()).toList();
        }

        assertThat(model.entries).as("3 cases, 2 attempts each").hasValue(6);
        assertThat(model.mostInside).as("calls inside the model at once").hasValueBetween(1, 2);
        assertThat(model.interruptsIgnored).as("the watchdog did interrupt").hasPositiveValue();
        assertThat(results).allSatisfy(r -> assertThat(r.error()).isInstanceOfSatisfying(ModelCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(ModelCallException.Kind.TIMEOUT);
            assertThat(e.getMessage()).isEqualTo("no answer from StubbornTest.model() within 50 ms (promptspec.timeout)"
                    + " [2 attempts, all failed: timeout, timeout; gave up after 1 retry (promptspec.retries)]");
        }));
    }
}
