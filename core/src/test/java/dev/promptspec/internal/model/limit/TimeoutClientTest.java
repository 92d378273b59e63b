package dev.promptspec.internal.model.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.internal.model.openai.OpenAiClients;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.Role;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.testing.FakeOpenAiServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutClientTest {

    private static final ModelRequest REQUEST = new ModelRequest("gpt-4o-mini",
            List.of(new ChatMessage(Role.USER, "Where is order A-100?")), null, null);
    private static final CallContext CONTEXT = CallContext.prompt("orders.prompt.yml", "A-100");
    private static final ModelResponse ANSWER = new ModelResponse("Order A-100 left the warehouse yesterday.",
            new TokenUsage(20, 9), Duration.ofMillis(300), "stop", "gpt-4o-mini-2024-07-18", 1, ModelResponse.Origin.LIVE);

    private final Watchdog watchdog = new Watchdog("test-watchdog");

    @AfterEach
    void stop() {
        watchdog.close();
        assertThat(Thread.interrupted()).as("the calling thread's interrupt flag after the test").isFalse();
    }

    @Test
    void a_model_that_never_answers_is_interrupted_on_the_calling_thread_and_times_out() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        TimeoutClient client = new TimeoutClient((request, context) -> {
            ranOn.set(Thread.currentThread());
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // as the JDK's HttpClient transport does
                throw new ModelCallException(ModelCallException.Kind.CANCELLED, "the call to my-model was interrupted", 1);
            }
            throw new IllegalStateException("unreachable");
        }, Duration.ofMillis(100), watchdog, "my-model");
        assertThatThrownBy(() -> client.call(REQUEST, CONTEXT))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelCallException.Kind.TIMEOUT);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.getMessage()).isEqualTo("no answer from my-model within 100 ms (promptspec.timeout)");
                });
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void headers_then_a_stalled_body_time_out_over_real_http_and_the_next_attempt_on_the_thread_is_not_interrupted()
            throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> new FakeOpenAiServer.StalledBody(
                new FakeOpenAiServer.Completion("Order A-100 left the warehouse yesterday."), Duration.ofSeconds(30)))) {
            // the HTTP client's own timeout (counting to the headers) is far away: only the watchdog can end this
            ModelClient http = OpenAiClients.create(new OpenAiEndpoint(URI.create(server.baseUrl()), null, null),
                    Duration.ofSeconds(60), Redactor.none());
            TimeoutClient client = new TimeoutClient(http, Duration.ofMillis(300), watchdog, server.baseUrl());
            assertThatThrownBy(() -> client.call(REQUEST, CONTEXT))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ModelCallException.Kind.TIMEOUT);
                        assertThat(e.getMessage()).isEqualTo("no answer from " + server.baseUrl() + " within 300 ms (promptspec.timeout)");
                    });
            assertThat(Thread.currentThread().isInterrupted()).isFalse();

            server.respondWith(r -> new FakeOpenAiServer.Completion("Order A-100 left the warehouse yesterday."));
            assertThat(client.call(REQUEST, CONTEXT).text()).isEqualTo("Order A-100 left the warehouse yesterday.");
        }
    }

    @Test
    void a_model_that_ignores_the_interrupt_and_answers_late_still_times_out() throws Exception {
        List<Runnable> deadlines = new ArrayList<>();
        AtomicLong clock = new AtomicLong();
        Watchdog byHand = new Watchdog((task, nanos) -> {
            deadlines.add(task);
            return new java.util.concurrent.CompletableFuture<Void>();
        }, clock::incrementAndGet);
        TimeoutClient client = new TimeoutClient((request, context) -> {
            deadlines.get(0).run(); // the deadline passes while the model works...
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            return ANSWER; // ...and it answers anyway, without looking at the interrupt
        }, Duration.ofSeconds(5), byHand, "my-model");
        assertThatThrownBy(() -> client.call(REQUEST, CONTEXT))
                .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("no answer from my-model within 5 s (promptspec.timeout)"));
    }

    @Test
    void an_answer_back_just_before_the_deadline_fired_is_kept() throws Exception {
        List<Runnable> deadlines = new ArrayList<>();
        AtomicLong clock = new AtomicLong();
        AtomicReference<Runnable> onNextRead = new AtomicReference<>();
        Watchdog byHand = new Watchdog((task, nanos) -> {
            deadlines.add(task);
            return new java.util.concurrent.CompletableFuture<Void>();
        }, () -> {
            long now = clock.incrementAndGet();
            Runnable r = onNextRead.getAndSet(null);
            if (r != null) {
                r.run(); // the deadline fires right after the answer's arrival was timed, before the thread finishes
            }
            return now;
        });
        TimeoutClient client = new TimeoutClient((request, context) -> {
            onNextRead.set(() -> deadlines.get(0).run());
            return ANSWER;
        }, Duration.ofSeconds(5), byHand, "my-model");
        assertThat(client.call(REQUEST, CONTEXT)).isSameAs(ANSWER);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
