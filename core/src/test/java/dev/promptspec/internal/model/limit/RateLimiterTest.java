package dev.promptspec.internal.model.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.RateLimit;
import dev.promptspec.testing.FakeTiming;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final FakeTiming timing = new FakeTiming();

    @Test
    void requests_per_minute_are_spaced_evenly_after_a_one_second_burst() {
        RateLimiter limiter = new RateLimiter(new RateLimit(120, 0), timing); // 2 per second
        assertThat(limiter.reserve(10)).isZero();
        assertThat(limiter.reserve(10)).isZero();
        assertThat(Duration.ofNanos(limiter.reserve(10))).isEqualTo(Duration.ofMillis(500));
        assertThat(Duration.ofNanos(limiter.reserve(10))).isEqualTo(Duration.ofMillis(1000));
        timing.advance(Duration.ofSeconds(10));
        assertThat(limiter.reserve(10)).isZero();
    }

    @Test
    void at_most_the_limit_starts_in_any_minute() {
        RateLimiter limiter = new RateLimiter(new RateLimit(60, 0), timing);
        int started = 0;
        long end = timing.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            long wait = limiter.reserve(1);
            timing.advance(Duration.ofNanos(wait));
            if (timing.nanoTime() >= end) {
                break;
            }
            started++;
        }
        // one second's burst (1) plus one per second
        assertThat(started).isBetween(59, 61);
    }

    @Test
    void tokens_per_minute_wait_for_the_estimate_and_settle_with_real_usage() {
        RateLimiter limiter = new RateLimiter(new RateLimit(0, 60_000), timing); // 1000 tokens per second
        assertThat(limiter.reserve(600)).isZero();
        // 400 left; 600 more needs 200 ms of refill
        assertThat(Duration.ofNanos(limiter.reserve(600))).isEqualTo(Duration.ofMillis(200));
        timing.advance(Duration.ofMillis(200));
        // the second call really used only 100 tokens: 500 come back
        limiter.settle(600, 100);
        assertThat(limiter.reserve(500)).isZero();
    }

    @Test
    void a_request_larger_than_a_seconds_worth_waits_for_a_full_bucket_and_leaves_debt() {
        RateLimiter limiter = new RateLimiter(new RateLimit(0, 6_000), timing); // 100 tokens per second
        assertThat(limiter.reserve(500)).isZero(); // bucket full (100): it may go, 400 in debt
        // the next caller waits for the debt to be repaid plus its own share
        assertThat(Duration.ofNanos(limiter.reserve(50))).isEqualTo(Duration.ofMillis(4500));
    }

    @Test
    void both_limits_apply_and_the_longer_wait_wins() {
        RateLimiter limiter = new RateLimiter(new RateLimit(60, 60_000), timing);
        assertThat(limiter.reserve(100)).isZero();
        assertThat(Duration.ofNanos(limiter.reserve(100))).isEqualTo(Duration.ofSeconds(1)); // requests bind
    }

    @Test
    void acquire_gives_up_when_cancelled_while_waiting() {
        RateLimiter limiter = new RateLimiter(new RateLimit(1, 0), timing);
        assertThat(limiter.acquire(1, () -> false)).isTrue();
        assertThat(limiter.acquire(1, () -> true)).isFalse();
        assertThat(timing.slept()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void token_estimate_counts_characters_messages_and_allowed_output() {
        var request = new dev.promptspec.model.ModelRequest("m", java.util.List.of(
                new dev.promptspec.model.ChatMessage(dev.promptspec.model.Role.SYSTEM, "x".repeat(400)),
                new dev.promptspec.model.ChatMessage(dev.promptspec.model.Role.USER, "y".repeat(40))), null, null);
        assertThat(TokenEstimator.estimate(request)).isEqualTo(100 + 10 + 8);
    }
}
