package dev.promptspec.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Durations as people write them: read from configuration values and rate-limit headers, written in messages.
 */
@API(status = INTERNAL, since = "0.1")
public final class Durations {

    private static final String NUMBER = "(\\d+(?:\\.\\d*)?|\\.\\d+)";
    private static final Pattern SECONDS = Pattern.compile(NUMBER);
    /** One part of {@code 1h2m3.5s}: a number and its unit, blanks allowed between them ({@code 500 ms}). */
    private static final Pattern PART = Pattern.compile(NUMBER + "\\s*(ms|h|m|s)\\s*");

    private Durations() {
    }

    /**
     * A duration as written in a configuration value or a rate-limit header, or empty when {@code text} is none:
     * <ul>
     * <li>a number of seconds: {@code 7}, {@code 0.25} ({@code Retry-After});</li>
     * <li>numbers with units {@code h}, {@code m}, {@code s}, {@code ms}, one or several (Go's format, which OpenAI's
     * {@code x-ratelimit-reset-*} headers use): {@code 90s}, {@code 500ms}, {@code 2m}, {@code 6m0s}, {@code 1h2m3.5s};</li>
     * <li>ISO-8601: {@code PT2M}.</li>
     * </ul>
     * Case and surrounding blanks do not matter. Negative durations are not durations here.
     */
    public static Optional<Duration> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (SECONDS.matcher(t).matches()) {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(t) * 1000)));
        }
        Matcher part = PART.matcher(t);
        double millis = 0;
        int at = 0;
        while (at < t.length()) {
            part.region(at, t.length());
            if (!part.lookingAt()) {
                return Optional.empty();
            }
            double value = Double.parseDouble(part.group(1));
            millis += switch (part.group(2)) {
                case "h" -> value * 3_600_000;
                case "m" -> value * 60_000;
                case "s" -> value * 1000;
                default -> value; // ms
            };
            at = part.end();
        }
        return at == 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) millis));
    }

    /** For messages: {@code 250 ms}, {@code 1.5 s}, {@code 2 min 5 s}, {@code 1 h 30 min}. */
    public static String words(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
    }
}
