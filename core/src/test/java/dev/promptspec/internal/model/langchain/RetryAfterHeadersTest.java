package dev.promptspec.internal.model.langchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The waits servers ask for, in every form the retries honour. */
class RetryAfterHeadersTest {

    private static Optional<Duration> wait(Map<String, String> headers) {
        return CallErrors.retryAfter(name -> Optional.ofNullable(headers.get(name)));
    }

    @Test
    void retry_after_in_seconds_milliseconds_or_as_a_date() {
        assertThat(wait(Map.of("retry-after", "7"))).contains(Duration.ofSeconds(7));
        assertThat(wait(Map.of("retry-after", "0.25"))).contains(Duration.ofMillis(250));
        assertThat(wait(Map.of("retry-after-ms", "1500", "retry-after", "9"))).contains(Duration.ofMillis(1500));
        String inAMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(wait(Map.of("retry-after", inAMinute)).orElseThrow()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
    }

    @Test
    void openai_rate_limit_resets_take_the_later_of_requests_and_tokens() {
        assertThat(wait(Map.of("x-ratelimit-reset-requests", "6m0s"))).contains(Duration.ofMinutes(6));
        assertThat(wait(Map.of("x-ratelimit-reset-tokens", "1.5s"))).contains(Duration.ofMillis(1500));
        assertThat(wait(Map.of("x-ratelimit-reset-requests", "20ms", "x-ratelimit-reset-tokens", "2s"))).contains(Duration.ofSeconds(2));
        assertThat(wait(Map.of("x-ratelimit-reset-requests", "1h2m3s"))).contains(Duration.ofSeconds(3723));
    }

    @Test
    void no_or_unreadable_headers_mean_no_wait_was_asked() {
        assertThat(wait(Map.of())).isEmpty();
        assertThat(wait(Map.of("retry-after", "soon"))).isEmpty();
    }
}
