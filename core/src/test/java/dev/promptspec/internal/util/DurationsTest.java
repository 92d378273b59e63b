package dev.promptspec.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One reader for durations in configuration values (promptspec.timeout) and in rate-limit headers. */
class DurationsTest {

    @Test
    void a_plain_number_is_seconds_as_in_retry_after() {
        assertThat(Durations.parse("7")).contains(Duration.ofSeconds(7));
        assertThat(Durations.parse("0.25")).contains(Duration.ofMillis(250));
        assertThat(Durations.parse(" 120 ")).contains(Duration.ofMinutes(2));
    }

    @Test
    void units_as_configuration_values_write_them() {
        assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("500 ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("2m")).contains(Duration.ofMinutes(2));
        assertThat(Durations.parse("1.5m")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("90S")).contains(Duration.ofSeconds(90));
    }

    @Test
    void go_durations_as_openai_rate_limit_headers_write_them() {
        assertThat(Durations.parse("6m0s")).contains(Duration.ofMinutes(6));
        assertThat(Durations.parse("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(Durations.parse("20ms")).contains(Duration.ofMillis(20));
        assertThat(Durations.parse("1h2m3s")).contains(Duration.ofSeconds(3723));
        assertThat(Durations.parse("1m30s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("2m 5s")).contains(Duration.ofSeconds(125));
    }

    @Test
    void iso_8601() {
        assertThat(Durations.parse("PT2M")).contains(Duration.ofMinutes(2));
        assertThat(Durations.parse("pt1.5s")).contains(Duration.ofMillis(1500));
    }

    @Test
    void anything_else_is_no_duration() {
        for (String text : new String[] {"", "  ", "soon", "s", "5 minutes", "2d", "-5s", "-1", "PT-5S", "1.2.3s", "5s later", "ms5"}) {
            assertThat(Durations.parse(text)).as(text).isEmpty();
        }
    }

    @Test
    void words_for_messages() {
        assertThat(Durations.words(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Durations.words(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Durations.words(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(Durations.words(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
    }
}
