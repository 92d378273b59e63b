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

    /** The default is 10 retries; three keep the scripted failures short. */
    private static final RetryPolicy THREE_RETRIES = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60));

    private static final ModelRequest REQUEST = new ModelRequest("gpt-4o-mini",
            List.of(new ChatMessage(Role.USER, "Where is order A-100?")), null, null);
    private static final CallContext CONTEXT = CallContext.prompt("orders.prompt.yml", "A-100");
    private static final ModelResponse ANSWER = new ModelResponse("Order A-100 left the warehouse yesterday.",
            new TokenUsage(20, 9), Duration.ofMillis(300), "stop", "gpt-4o-mini-2024-07-18", 1, ModelResponse.Origin.LIVE);

    private final FakeTiming timing = new FakeTiming();
    /** The waits before retries, one each (the fake clock sees them in slices of Timing.CANCELLATION_CHECK). */
    private final List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final RetryListener recorder = new RetryListener() {
        @Override
        public void waited(Duration wait) {
            waits.add(wait);
        }
    };

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
        return new RetryingClient(delegate, policy, timing, () -> false, recorder, FailureStreak.NONE, () -> random);
    }

    @Test
    void retries_429_and_5xx_then_reports_the_attempts_the_answer_took() throws Exception {
        Scripted server = new Scripted(status(429, "Rate limit reached", null), status(503, "overloaded", null));
        ModelResponse r = retrying(server, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT);
        assertThat(r.text()).isEqualTo(ANSWER.text());
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(server.calls).hasValue(3);
        // a rate limit: equal jitter, 0.5 s plus half of the other 0.5 s; then a 503: full jitter, half of 1 s
        assertThat(waits).containsExactly(Duration.ofMillis(750), Duration.ofMillis(500));
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
    void rejected_answers_and_exhausted_quota_are_not_retried() {
        Scripted toolCall = new Scripted(new ModelCallException(Kind.REJECTED,
                "x returned a message without text (tool calls are not supported in prompt files)", 1));
        assertThatThrownBy(() -> retrying(toolCall, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT))
                .hasMessageEndingWith("[1 attempt; the provider rejected it, which waiting does not fix]");
        Scripted quota = new Scripted(status(429, "You exceeded your current quota, please check your plan and billing details.", null));
        assertThatThrownBy(() -> retrying(quota, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT))
                .hasMessageContaining("quota is used up");
        assertThat(toolCall.calls).hasValue(1);
        assertThat(quota.calls).hasValue(1);
        assertThat(timing.sleeps()).isEmpty();
    }

    @Test
    void a_body_that_is_not_a_chat_completion_is_retried_like_a_server_error() throws Exception {
        Scripted proxy = new Scripted(new ModelCallException(Kind.BAD_RESPONSE, "x answered with a body that is not a chat"
                + " completion: Unexpected character ('<' (code 60))", 1));
        ModelResponse r = retrying(proxy, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT);
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofMillis(500));

        Scripted always = new Scripted(bad(), bad(), bad(), bad());
        assertThatThrownBy(() -> retrying(always, THREE_RETRIES, 0.5).call(REQUEST, CONTEXT))
                .hasMessageEndingWith("[4 attempts, all failed: bad response, bad response, bad response, bad response;"
                        + " gave up after 3 retries (promptspec.retries)]");
    }

    private static ModelCallException bad() {
        return new ModelCallException(Kind.BAD_RESPONSE, "x answered with a body that is not a chat completion", 1);
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
        RetryingClient client = new RetryingClient(server, RetryPolicy.DEFAULT, timing, cancelled::get, RetryListener.NONE, FailureStreak.NONE, () -> 0.5);
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
        assertThatThrownBy(() -> new RetryingClient(server, RetryPolicy.DEFAULT, timing, () -> true, RetryListener.NONE, FailureStreak.NONE, () -> 0.5).call(REQUEST, CONTEXT))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
                    assertThat(e.attempts()).isZero();
                    assertThat(e.getMessage()).isEqualTo("the run was cancelled before this call started");
                });
        assertThat(server.calls).hasValue(0);
    }

    /** Answers HTTP 429 (naming no wait) to every attempt. */
    private static final class AlwaysRateLimited implements ModelClient {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
            calls.incrementAndGet();
            throw status(429, "Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 500, Used 500.", null);
        }
    }

    private static ModelCallException[] rateLimits(int n) {
        ModelCallException[] out = new ModelCallException[n];
        for (int i = 0; i < n; i++) {
            out[i] = status(429, "Rate limit reached", null);
        }
        return out;
    }

    @Test
    void rate_limits_are_retried_beyond_promptspec_retries_while_the_total_wait_allows() throws Exception {
        Scripted server = new Scripted(rateLimits(8));
        ModelResponse r = retrying(server, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT);
        assertThat(r.text()).isEqualTo(ANSWER.text());
        assertThat(r.attempts()).isEqualTo(9);
        // equal jitter on a doubling ceiling (1 s, 2 s, ... 60 s): never less than half of it, whatever the random numbers
        assertThat(waits).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500), Duration.ofMillis(3000),
                Duration.ofMillis(6000), Duration.ofMillis(12_000), Duration.ofMillis(24_000), Duration.ofMillis(45_000),
                Duration.ofMillis(45_000));
    }

    @Test
    void a_call_rate_limited_until_the_total_wait_is_spent_gives_up_saying_how_long_and_how_often() {
        AlwaysRateLimited server = new AlwaysRateLimited();
        assertThatThrownBy(() -> retrying(server, RetryPolicy.DEFAULT, 0.5).call(REQUEST, CONTEXT))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.attempts()).isEqualTo(13);
                    assertThat(e.getMessage()).isEqualTo("http://127.0.0.1/v1 answered HTTP 429: Rate limit reached for"
                            + " gpt-4o-mini on requests per min (RPM): Limit 500, Used 500. [13 attempts, all failed: HTTP 429 ×13;"
                            + " rate-limited for 5 min (promptspec.retry.max-total-wait)]");
                });
        assertThat(server.calls).hasValue(13);
        // 47.25 s to reach the 60 s ceiling, then 45 s waits, the last one cut to what was left
        assertThat(timing.slept()).isEqualTo(Duration.ofMinutes(5));
        assertThat(waits.get(waits.size() - 1)).isEqualTo(Duration.ofMillis(27_750));
    }

    @Test
    void the_total_wait_bounds_a_call_that_names_no_wait_even_with_no_initial_delay_and_unlucky_random_numbers() {
        AlwaysRateLimited server = new AlwaysRateLimited();
        RetryPolicy immediate = new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(60), Duration.ofSeconds(10));
        assertThatThrownBy(() -> retrying(server, immediate, 0.0).call(REQUEST, CONTEXT))
                .hasMessageEndingWith("rate-limited for 10 s (promptspec.retry.max-total-wait)]");
        // 0 ms, 1 ms, 2 ms, 4 ms... (half of a ceiling doubling from 1 ms): a bounded number of attempts
        assertThat(server.calls.get()).isBetween(15, 25);
    }

    @Test
    void rate_limits_do_not_use_up_promptspec_retries_and_other_faults_do() {
        Scripted server = new Scripted(status(429, "Rate limit reached", null), status(500, "boom", null),
                status(429, "Rate limit reached", null), status(500, "boom", null), status(500, "boom", null), status(500, "boom", null));
        assertThatThrownBy(() -> retrying(server, THREE_RETRIES, 0.5).call(REQUEST, CONTEXT))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.attempts()).isEqualTo(6);
                    assertThat(e.getMessage()).endsWith("[6 attempts, all failed: HTTP 429, HTTP 500, HTTP 429, HTTP 500, HTTP 500,"
                            + " HTTP 500; gave up after 3 retries (promptspec.retries), not counting 2 after rate limits]");
                });
    }

    @Test
    void a_server_asking_for_more_than_is_left_of_the_total_wait_is_not_retried() {
        RetryPolicy tenSeconds = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(10));
        Scripted server = new Scripted(status(429, "Rate limit reached", Duration.ofSeconds(6)),
                status(429, "Rate limit reached", Duration.ofSeconds(6)));
        assertThatThrownBy(() -> retrying(server, tenSeconds, 0.0).call(REQUEST, CONTEXT))
                .hasMessageEndingWith("[2 attempts, all failed: HTTP 429, HTTP 429; the server asked to wait 6 s, more than the"
                        + " 4 s left of promptspec.retry.max-total-wait (10 s), so it was not retried]");
        assertThat(waits).containsExactly(Duration.ofSeconds(6));
    }

    @Test
    void other_faults_stop_retrying_once_the_total_wait_is_spent() {
        RetryPolicy tight = new RetryPolicy(10, Duration.ofSeconds(4), Duration.ofSeconds(60), Duration.ofSeconds(5));
        Scripted server = new Scripted(status(503, "overloaded", null), status(503, "overloaded", null), status(503, "overloaded", null));
        assertThatThrownBy(() -> retrying(server, tight, 1.0).call(REQUEST, CONTEXT))
                .hasMessageEndingWith("[3 attempts, all failed: HTTP 503, HTTP 503, HTTP 503; gave up after waiting 5 s in all"
                        + " (promptspec.retry.max-total-wait)]");
        assertThat(waits).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(1));
    }

    @Test
    void the_listener_hears_every_rate_limit_and_every_wait() throws Exception {
        AtomicInteger rateLimited = new AtomicInteger();
        List<Duration> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        RetryListener listener = new RetryListener() {
            @Override
            public void rateLimited() {
                rateLimited.incrementAndGet();
            }

            @Override
            public void waited(Duration wait) {
                heard.add(wait);
            }
        };
        Scripted server = new Scripted(status(429, "Rate limit reached", null), status(503, "overloaded", null),
                status(429, "Rate limit reached", Duration.ofSeconds(3)));
        new RetryingClient(server, RetryPolicy.DEFAULT, timing, () -> false, listener, FailureStreak.NONE, () -> 0.5).call(REQUEST, CONTEXT);
        assertThat(rateLimited).hasValue(2);
        assertThat(heard).containsExactly(Duration.ofMillis(750), Duration.ofMillis(500), Duration.ofMillis(3150));
        assertThat(timing.slept()).isEqualTo(Duration.ofMillis(750 + 500 + 3150));
    }

    @Test
    void cancellation_ends_a_rate_limit_wait_at_once() {
        AtomicBoolean cancelled = new AtomicBoolean();
        ModelClient server = (request, context) -> {
            cancelled.set(true);
            throw status(429, "Rate limit reached", null);
        };
        assertThatThrownBy(() -> new RetryingClient(server, RetryPolicy.DEFAULT, timing, cancelled::get, RetryListener.NONE, FailureStreak.NONE, () -> 0.5)
                .call(REQUEST, CONTEXT))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
                    assertThat(e.getMessage()).isEqualTo("the run was cancelled; the call was not retried after 1 attempt (HTTP 429)");
                });
        assertThat(timing.sleeps()).isEmpty();
    }

    @Test
    void long_runs_of_one_failure_are_counted_not_repeated() {
        assertThat(RetryingClient.list(List.of("HTTP 500", "HTTP 500", "HTTP 500", "HTTP 500"))).isEqualTo("HTTP 500, HTTP 500, HTTP 500, HTTP 500");
        assertThat(RetryingClient.list(List.of("HTTP 429", "HTTP 429", "HTTP 429", "HTTP 429", "HTTP 429", "timeout", "HTTP 429")))
                .isEqualTo("HTTP 429 ×5, timeout, HTTP 429");
    }

    /** A server that is down fails every case at once instead of making each wait out its retries. */
    @Test
    void once_the_run_s_last_attempts_all_failed_calls_are_not_retried_until_one_succeeds() throws Exception {
        FailureStreak streak = new FailureStreak(8);
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean down = new AtomicBoolean(true);
        ModelClient server = (request, context) -> {
            attempts.incrementAndGet();
            if (down.get()) {
                throw new ModelCallException(ModelCallException.Kind.HTTP_STATUS, "https://llm.example/v1 answered HTTP 503: upstream"
                        + " connect error", 1, 503, null, null);
            }
            return new ModelResponse("The refund was issued on 3 March.", TokenUsage.UNKNOWN, Duration.ofMillis(5), "stop", "gpt-4o-mini",
                    1, ModelResponse.Origin.LIVE);
        };
        RetryingClient client = new RetryingClient(server, RetryPolicy.DEFAULT, new FakeTiming(), () -> false, RetryListener.NONE,
                streak, () -> 0.5);

        assertThatThrownBy(() -> client.call(REQUEST, CONTEXT)).hasMessageEndingWith("; not retried: the run's last 8 attempts all"
                + " failed (the server looks down), so calls fail at once until one succeeds]");
        assertThat(attempts.get()).as("retried until the streak reached 8").isEqualTo(8);
        assertThatThrownBy(() -> client.call(REQUEST, CONTEXT)).hasMessageContaining("1 attempt;");
        assertThat(attempts.get()).as("the next call fails at its first attempt").isEqualTo(9);

        down.set(false);
        assertThat(client.call(REQUEST, CONTEXT).text()).isEqualTo("The refund was issued on 3 March.");
        down.set(true);
        assertThatThrownBy(() -> client.call(REQUEST, CONTEXT)).hasMessageContaining("8 attempts, all failed");
        assertThat(attempts.get()).as("a success resets the streak: retried again").isEqualTo(10 + 8);
    }
}
