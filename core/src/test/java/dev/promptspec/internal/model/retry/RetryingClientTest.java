package dev.promptspec.internal.model.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.config.PriceTable;
import dev.promptspec.config.RetryPolicy;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Role;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.model.cost.RunUsage;
import dev.promptspec.model.cost.UsageMeter;
import dev.promptspec.testing.FakeTiming;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryingClientTest {

    private static final ModelRequest REQUEST = new ModelRequest("gpt-4o-mini",
            List.of(new ChatMessage(Role.USER, "Where is order A-100?")), null, null);
    private static final CallContext CONTEXT = CallContext.prompt("orders.prompt.yml", "A-100");
    private static final ModelResponse ANSWER = new ModelResponse("Order A-100 left the warehouse yesterday.",
            new TokenUsage(20, 9), Duration.ofMillis(300), "stop", "gpt-4o-mini-2024-07-18", 1, ModelResponse.Origin.LIVE);

    private final FakeTiming timing = new FakeTiming();

    /** Throws the scripted failures in order, then answers. */
    private static class Scripted implements ModelClient {
        final Deque<ModelCallException> failures;
        final AtomicInteger calls = new AtomicInteger();

        Scripted(ModelCallException... failures) {
            this.failures = new ArrayDeque<>(List.of(failures));
        }

        @Override
        public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
            calls.incrementAndGet();
            ModelCallException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return ANSWER;
        }
    }

    private static ModelCallException status(int code, String message, Duration retryAfter) {
        return new ModelCallException(Kind.HTTP_STATUS, "http://127.0.0.1/v1 answered HTTP " + code + ": " + message, 1, code,
                retryAfter, null);
    }

    private RetryingClient retrying(ModelClient delegate, RetryPolicy policy, double random) {
        return new RetryingClient(delegate, policy, timing, () -> false, () -> random);
    }

    @Test
    void retries_429_and_5xx_then_reports_the_attempts_the_answer_took() throws Exception {
        Scripted server = new Scripted(status(429, "Rate limit reached", null), status(503, "overloaded", null));
        ModelResponse r = retrying(server, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT);
        assertThat(r.text()).isEqualTo(ANSWER.text());
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(server.calls).hasValue(3);
        // full jitter: half of 1 s before the first retry, half of 2 s before the second
        assertThat(timing.slept()).isEqualTo(Duration.ofMillis(500 + 1000));
    }

    @Test
    void backoff_doubles_its_ceiling_and_never_exceeds_max_wait() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(p.backoff(1, () -> 1.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(2, () -> 1.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(3, () -> 1.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoff(4, () -> 1.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.backoff(40, () -> 1.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.backoff(3, () -> 0.0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void waits_what_retry_after_asks_plus_at_most_ten_percent() throws Exception {
        Scripted server = new Scripted(status(429, "Rate limit reached", Duration.ofSeconds(7)));
        retrying(server, RetryPolicy.DEFAULT, 1.0).call(REQUEST, CONTEXT);
        assertThat(timing.slept()).isBetween(Duration.ofSeconds(7), Duration.ofMillis(7700));
    }

    @Test
    void a_server_asking_for_more_than_max_wait_is_not_retried_and_the_error_says_so() {
        Scripted server = new Scripted(status(429, "Rate limit reached for requests per day", Duration.ofMinutes(30)));
        assertThatThrownBy(() -> retrying(server, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("HTTP 429", "requests per day",
                            "the server asked to wait 30 min before retrying, longer than promptspec.retry.max-wait (1 min)");
                });
        assertThat(server.calls).hasValue(1);
        assertThat(timing.sleeps()).isEmpty();
    }

    @Test
    void non_retryable_statuses_fail_at_once_with_status_and_server_message() {
        for (int code : new int[] {400, 401, 403, 404}) {
            Scripted server = new Scripted(status(code, "The model `gpt-9` does not exist", null));
            assertThatThrownBy(() -> retrying(server, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> {
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("HTTP " + code, "does not exist", "[1 attempt; HTTP " + code + " is not retried]");
                    });
            assertThat(server.calls).hasValue(1);
        }
        assertThat(timing.sleeps()).isEmpty();
    }

    @Test
    void unparsable_answers_and_exhausted_quota_are_not_retried() {
        Scripted garbage = new Scripted(new ModelCallException(Kind.BAD_RESPONSE, "x answered with a body that is not a chat completion", 1));
        assertThatThrownBy(() -> retrying(garbage, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT))
                .hasMessageContaining("an answer that is not a chat completion is not retried");
        Scripted quota = new Scripted(status(429, "You exceeded your current quota, please check your plan and billing details.", null));
        assertThatThrownBy(() -> retrying(quota, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT))
                .hasMessageContaining("quota is used up");
        assertThat(garbage.calls).hasValue(1);
        assertThat(quota.calls).hasValue(1);
    }

    @Test
    void gives_up_after_the_configured_retries_listing_every_failure() {
        Scripted server = new Scripted(status(500, "boom", null), new ModelCallException(Kind.TIMEOUT, "no answer", 1),
                new ModelCallException(Kind.CONNECTION, "connection reset", 1), status(502, "bad gateway", null), status(500, "boom", null));
        assertThatThrownBy(() -> retrying(server, new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5)), 0.5)
                .call(REQUEST, CONTEXT))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.attempts()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("bad gateway",
                            "4 attempts, all failed: HTTP 500, timeout, connection failed, HTTP 502; gave up after 3 retries");
                });
        assertThat(server.calls).hasValue(4);
    }

    @Test
    void retries_zero_means_one_attempt() {
        Scripted server = new Scripted(status(503, "overloaded", null));
        assertThatThrownBy(() -> retrying(server, new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(60)), 0.5)
                .call(REQUEST, CONTEXT))
                .hasMessageContaining("retries are off (promptspec.retries=0)");
        assertThat(server.calls).hasValue(1);
    }

    @Test
    void cancellation_stops_a_pending_retry() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Scripted server = new Scripted(status(503, "overloaded", null), status(503, "overloaded", null)) {
            @Override
            public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
                cancelled.set(true); // fail-fast kicks in while this call fails
                return super.call(request, context);
            }
        };
        RetryingClient client = new RetryingClient(server, RetryPolicy.DEFAULT, timing, cancelled::get, () -> 0.5);
        assertThatThrownBy(() -> client.call(REQUEST, CONTEXT))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
                    assertThat(e.getMessage()).contains("cancelled", "1 attempt", "HTTP 503");
                });
        assertThat(server.calls).hasValue(1);
    }

    @Test
    void a_call_refused_before_it_started_passes_through_unchanged_and_is_not_a_failed_call() {
        List<ModelCallException> refusals = List.of(
                new ModelCallException(Kind.BUDGET_EXCEEDED, "the run's budget is spent (1,200 tokens used,"
                        + " promptspec.budget.max-tokens=1,000): no further model calls are made, so this case was skipped", 0),
                new ModelCallException(Kind.CONFIGURATION, "promptspec.budget.max-cost is set, but model 'gpt-4o-mini' has no"
                        + " price, so its cost cannot be counted: add promptspec.price.gpt-4o-mini=<input>,<output>", 0),
                new ModelCallException(Kind.CANCELLED, "the run was cancelled before this call started", 0));
        for (ModelCallException refusal : refusals) {
            Scripted guard = new Scripted(refusal);
            UsageMeter meter = new UsageMeter(PriceTable.defaults());
            ModelClient client = meter.meter(retrying(guard, RetryPolicy.DEFAULT, 0.5));

            assertThatThrownBy(() -> client.call(REQUEST, CONTEXT)).as(refusal.kind().name()).isSameAs(refusal);
            assertThat(refusal.getMessage()).doesNotContain("attempt");
            assertThat(guard.calls).hasValue(1);
            assertThat(timing.slept()).isZero();
            RunUsage usage = meter.snapshot();
            assertThat(usage.failedCalls()).as(refusal.kind().name()).isZero();
            assertThat(usage.attempts()).as(refusal.kind().name()).isZero();
        }
    }

    @Test
    void a_refusal_after_failed_attempts_counts_only_the_attempts_made() {
        Scripted server = new Scripted(status(503, "overloaded", null), new ModelCallException(Kind.BUDGET_EXCEEDED,
                "the run's budget is spent (1,200 tokens used, promptspec.budget.max-tokens=1,000)", 0));
        assertThatThrownBy(() -> retrying(server, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BUDGET_EXCEEDED);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.getMessage()).isEqualTo("the run's budget is spent (1,200 tokens used,"
                            + " promptspec.budget.max-tokens=1,000) [after 1 failed attempt: HTTP 503]");
                });
        assertThat(server.calls).hasValue(2);
    }

    @Test
    void a_run_cancelled_before_the_first_attempt_made_no_call() {
        Scripted server = new Scripted();
        assertThatThrownBy(() -> new RetryingClient(server, RetryPolicy.DEFAULT, timing, () -> true, () -> 0.5).call(REQUEST, CONTEXT))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
                    assertThat(e.attempts()).isZero();
                    assertThat(e.getMessage()).isEqualTo("the run was cancelled before this call started");
                });
        assertThat(server.calls).hasValue(0);
    }
}
