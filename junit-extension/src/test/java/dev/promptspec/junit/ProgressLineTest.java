package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.config.Keys;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.FakeTiming;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The console's progress line: what it says, how seldom it is rewritten, how it ends, and when the engine shows it. */
class ProgressLineTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** A ticker driven by hand: the test runs the tick when it chooses, and sees whether the ticks were stopped. */
    private static final class HandTicker implements Ticker {
        Duration interval;
        Runnable tick;
        boolean stopped;

        @Override
        public Runnable every(Duration every, Runnable action) {
            assertThat(tick).as("one ticker per line").isNull();
            interval = every;
            tick = action;
            return () -> stopped = true;
        }
    }

    private final HandTicker ticks = new HandTicker();

    /** Each state the line was drawn in, as a person reads it (the blanks that clear a longer line removed). */
    private List<String> drawn() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return Arrays.stream(text.split("\r", -1)).skip(1).map(String::stripTrailing).toList();
    }

    @Test
    void it_is_rewritten_in_place_at_most_once_an_interval_with_counts_cost_and_time_left_then_ends_with_a_newline() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        AtomicInteger costAsked = new AtomicInteger();
        ProgressLine line = new ProgressLine(out, now::get, 4, () -> {
            costAsked.incrementAndGet();
            return 0.0123;
        }, ticks);

        line.start();
        now.addAndGet(Duration.ofMillis(100).toNanos());
        line.ended(false); // within the interval of the last rewrite: not drawn
        now.addAndGet(Duration.ofMillis(100).toNanos());
        line.ended(true);
        now.addAndGet(Duration.ofMillis(1800).toNanos());
        line.ended(false); // 2 s in, 3 of 4 done: about 1 s left
        now.addAndGet(Duration.ofMillis(100).toNanos());
        line.ended(false);
        now.addAndGet(Duration.ofMillis(400).toNanos());
        line.finish();

        assertThat(drawn()).containsExactly(
                "PromptSpec: 0/4 cases, 0 failed, $0.0123 spent",
                "PromptSpec: 3/4 cases, 1 failed, $0.0123 spent, 2 s in, about 1 s left",
                "PromptSpec: 4/4 cases, 1 failed, $0.0123 spent, done in 2.5 s");
        assertThat(costAsked).as("the cost is read when the line is drawn, not per case").hasValue(3);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").containsOnlyOnce("\n");
        String[] states = text.split("\r");
        assertThat(states[3].length()).as("the last line (and its newline) blanks what the longer one before it left")
                .isEqualTo(states[2].length() + 1);
    }

    @Test
    void the_time_left_is_the_pace_since_the_first_case_ended_times_the_cases_left() {
        AtomicLong now = new AtomicLong();
        ProgressLine line = new ProgressLine(out, now::get, 120, () -> 0, ticks);
        line.start();
        now.set(Duration.ofSeconds(10).toNanos()); // the first case ends late: the JVM and the connection warm up
        for (int i = 0; i < 40; i++) {
            line.ended(i % 10 == 0);
        }
        assertThat(drawn()).last().as("one case says nothing of the pace").isEqualTo("PromptSpec: 1/120 cases, 1 failed, $0.00 spent, 10 s in");
        now.set(Duration.ofSeconds(30).toNanos());
        line.ended(false);
        assertThat(drawn()).last().as("40 cases in 20 s since the first: 79 left take 39.5 s")
                .isEqualTo("PromptSpec: 41/120 cases, 4 failed, $0.00 spent, 30 s in, about 40 s left");
        now.set(Duration.ofSeconds(230).toNanos());
        line.ended(false);
        assertThat(drawn()).last().as("220 s for 41 cases: 78 left take 418.5 s").isEqualTo("PromptSpec: 42/120 cases, 4 failed, $0.00 spent, 3 min 50 s in, about 6 min 59 s left");
    }

    @Test
    void while_no_case_ends_the_ticks_move_the_time_spent_and_left_at_most_once_an_interval_and_stop_when_the_run_ends() {
        AtomicLong now = new AtomicLong();
        ProgressLine line = new ProgressLine(out, now::get, 10, () -> 0, ticks);
        assertThat(ticks.tick).as("no ticks before the line is shown").isNull();
        line.start();
        assertThat(ticks.interval).isEqualTo(ProgressLine.TICK);
        now.set(Duration.ofMillis(500).toNanos());
        ticks.tick.run();
        now.set(Duration.ofMillis(1500).toNanos());
        ticks.tick.run();
        now.set(Duration.ofSeconds(2).toNanos());
        line.ended(false);
        now.set(Duration.ofSeconds(4).toNanos());
        line.ended(false);
        now.set(Duration.ofMillis(4100).toNanos());
        ticks.tick.run(); // within the interval of the last rewrite: not drawn
        now.set(Duration.ofSeconds(10).toNanos());
        ticks.tick.run(); // a slow stretch: 8 s since the first case ended for one more case, 8 left
        assertThat(drawn()).containsExactly(
                "PromptSpec: 0/10 cases, 0 failed, $0.00 spent",
                "PromptSpec: 0/10 cases, 0 failed, $0.00 spent",
                "PromptSpec: 0/10 cases, 0 failed, $0.00 spent, 1 s in",
                "PromptSpec: 1/10 cases, 0 failed, $0.00 spent, 2 s in",
                "PromptSpec: 2/10 cases, 0 failed, $0.00 spent, 4 s in, about 16 s left",
                "PromptSpec: 2/10 cases, 0 failed, $0.00 spent, 10 s in, about 1 min 4 s left");

        line.finish();
        assertThat(ticks.stopped).isTrue();
        int length = bytes.size();
        now.set(Duration.ofSeconds(11).toNanos());
        ticks.tick.run(); // a tick already under way when the run ended
        line.finish();
        assertThat(bytes.size()).as("nothing after the line's newline").isEqualTo(length);
        assertThat(drawn()).last().isEqualTo("PromptSpec: 2/10 cases, 0 failed, $0.00 spent, done in 10 s");
    }

    @PromptSpec("prompts/basic")
    static class Greetings {
    }

    private EngineTestKit.Builder engine(Map<String, String> env, boolean terminal, FakeOpenAiServer server) {
        return EngineTestKit.engine(new PromptSpecTestEngine(env::get, new FakeTiming(), out, terminal))
                .enableImplicitConfigurationParameters(false)
                .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl()).configurationParameter(Keys.MODE, "live")
                .configurationParameter(Keys.REPORTS_DIR, "none").selectors(selectClass(Greetings.class));
    }

    @Test
    void asked_for_the_engine_shows_it_until_every_case_is_done_and_auto_shows_it_only_on_a_terminal_outside_ci()
            throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            engine(Map.of("OPENAI_API_KEY", EngineKit.KEY, "CI", "true"), false, server)
                    .configurationParameter(Keys.PROGRESS, "true").execute().testEvents().assertStatistics(s -> s.succeeded(2));
            assertThat(drawn()).first().isEqualTo("PromptSpec: 0/2 cases, 0 failed, $0.00 spent");
            assertThat(drawn()).last().asString().startsWith("PromptSpec: 2/2 cases, 0 failed, $0.0").contains(" spent, done in ");
            assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("\n");
            assertThat(Thread.getAllStackTraces().keySet()).as("the ticks stop with the run")
                    .noneMatch(t -> t.getName().equals(Ticker.THREAD_NAME) && t.isAlive());

            bytes.reset();
            engine(Map.of("OPENAI_API_KEY", EngineKit.KEY), false, server).execute();
            assertThat(bytes.size()).as("auto, no terminal").isZero();
            engine(Map.of("OPENAI_API_KEY", EngineKit.KEY, "CI", "true"), true, server).execute();
            assertThat(bytes.size()).as("auto, a terminal under CI").isZero();
            engine(Map.of("OPENAI_API_KEY", EngineKit.KEY), true, server).configurationParameter(Keys.PROGRESS, "false").execute();
            assertThat(bytes.size()).as("false").isZero();
            engine(Map.of("OPENAI_API_KEY", EngineKit.KEY), true, server).execute();
            assertThat(drawn()).as("auto on a terminal").last().asString().startsWith("PromptSpec: 2/2 cases");
        }
    }
}
