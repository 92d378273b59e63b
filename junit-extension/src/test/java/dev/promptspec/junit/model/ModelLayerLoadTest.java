package dev.promptspec.junit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.promptspec.internal.model.recording.Recording;
import dev.promptspec.internal.model.recording.RecordingStore;
import dev.promptspec.junit.PromptSpec;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.testing.FakeOpenAiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.yaml.snakeyaml.Yaml;

/**
 * Many cases at once: the concurrency limit, the run-wide rate limit, recordings written concurrently,
 * JUnit's parallel mode, the budget and cancellation. Timing assertions are lower bounds or counts only.
 */
class ModelLayerLoadTest {

    @PromptSpec("prompts/model-layer/load")
    static class Cities {
    }

    @PromptSpec("prompts/model-layer/load-more")
    static class DayTrips {
    }

    private static final int CASES = 24;

    @Test
    void calls_overlap_up_to_the_concurrency_limit_and_never_beyond(@TempDir Path dir) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(CityAnswers.answering(Duration.ofMillis(150)))) {
            EngineExecutionResults results = Engines.live(server, dir, Cities.class)
                    .configurationParameter("promptspec.concurrency", "4")
                    .execute();
            results.testEvents().assertStatistics(s -> s.started(CASES).succeeded(CASES));
            assertThat(server.requests()).hasSize(CASES);
            assertThat(server.maxConcurrentRequests()).isBetween(2, 4);
            // started in about file order (workers take cases first come, first served), reported as they really run
            List<String> order = results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
            assertThat(order.subList(0, 4)).anySatisfy(name -> assertThat(name).contains("Lisbon"));
            assertThat(order.subList(CASES - 4, CASES)).anySatisfy(name -> assertThat(name).contains("Tallinn"));
        }
    }

    @Test
    void the_rate_limit_holds_over_the_whole_run(@TempDir Path dir) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(CityAnswers.answering(Duration.ZERO))) {
            long start = System.nanoTime();
            EngineExecutionResults results = Engines.live(server, dir, Cities.class)
                    .selectors(selectClass(DayTrips.class)) // two classes, two files: one limit
                    .configurationParameter("promptspec.rate-limit.requests-per-minute", "600") // 10 per second, burst of 10
                    .execute();
            results.testEvents().assertStatistics(s -> s.succeeded(CASES + 6));
            List<Long> arrivals = server.arrivalTimesNanos().stream().sorted().toList();
            assertThat(arrivals).hasSize(CASES + 6);
            for (int k = 0; k < arrivals.size(); k++) {
                // request k cannot start before (k - burst) / rate after the run began
                long earliest = start + Math.max(0, k - 10) * 100_000_000L;
                assertThat(arrivals.get(k)).as("request %d", k).isGreaterThanOrEqualTo(earliest);
            }
            // (windows measured at the server are not a sound check: network delays can bunch arrivals up)
        }
    }

    @Test
    void many_cases_recorded_at_once_leave_well_formed_recordings_that_replay(@TempDir Path dir) throws Exception {
        Pattern city = Pattern.compile("What should I see in (.+)\\?");
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> {
            // uneven latencies so that answers finish out of order
            Matcher m = city.matcher(r.lastMessage("user"));
            m.find();
            return CityAnswers.answering(Duration.ofMillis(Math.floorMod(m.group(1).hashCode(), 60))).apply(r);
        })) {
            Engines.kit(server)
                    .configurationParameter("promptspec.mode", "record")
                    .configurationParameter("promptspec.recordings.dir", dir.toString())
                    .configurationParameter("promptspec.concurrency", "12")
                    .selectors(selectClass(Cities.class))
                    .execute()
                    .testEvents().assertStatistics(s -> s.succeeded(CASES));
        }
        Path file = dir.resolve("prompts/model-layer/load/cities.recordings.yml");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, Object> yaml = new Yaml().load(text);
        assertThat((List<?>) yaml.get("recordings")).hasSize(CASES);
        try (var tmp = Files.list(file.getParent())) {
            assertThat(tmp.map(p -> p.getFileName().toString())).containsExactly("cities.recordings.yml");
        }
        RecordingStore store = new RecordingStore(dir);
        for (Map.Entry<String, String> e : CityAnswers.ANSWERS.entrySet()) {
            Optional<Recording> r = store.findForCase("prompts/model-layer/load/cities.prompt.yml", caseKeyOf(store, e.getKey()), "prompt");
            assertThat(r).as(e.getKey()).isPresent();
            assertThat(r.get().response().text()).isEqualTo(e.getValue());
            assertThat(r.get().response().usage().inputTokens()).isEqualTo(100);
        }
        // replayed offline, with the usage the live run had: what a live run would cost
        EngineExecutionResults replay = dev.promptspec.junit.PromptSpecTestEngineAccess.kitWithoutKey()
                .configurationParameter("promptspec.mode", "replay")
                .configurationParameter("promptspec.recordings.dir", dir.toString())
                .configurationParameter("promptspec.budget.max-tokens", "1")
                .selectors(selectClass(Cities.class))
                .execute();
        replay.testEvents().assertStatistics(s -> s.succeeded(CASES));
        Map<String, String> summary = Engines.runSummary(replay);
        assertThat(summary).containsEntry("promptspec.calls.replayed", String.valueOf(CASES))
                .containsEntry("promptspec.calls.live", "0")
                .containsEntry("promptspec.replayed.tokens.input", String.valueOf(100 * CASES));
        assertThat(Double.parseDouble(summary.get("promptspec.replayed.cost-usd"))).isPositive();
        assertThat(Double.parseDouble(summary.get("promptspec.cost-usd"))).isZero();
    }

    private static String caseKeyOf(RecordingStore store, String city) throws Exception {
        // case keys are "#n"; find the one whose request mentions the city
        for (int i = 1; i <= CASES; i++) {
            Optional<Recording> r = store.findForCase("prompts/model-layer/load/cities.prompt.yml", "#" + i, "prompt");
            if (r.isPresent() && mentions(r.get().request(), city)) {
                return "#" + i;
            }
        }
        return "none";
    }

    private static boolean mentions(ModelRequest request, String city) {
        return request.messages().get(request.messages().size() - 1).content().contains(city + "?");
    }

    @Test
    void cases_are_reported_concurrently_each_result_with_its_own_case(@TempDir Path dir) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(CityAnswers.answering(Duration.ofMillis(100)))) {
            EngineExecutionResults results = Engines.live(server, dir, Cities.class)
                    .configurationParameter("promptspec.concurrency", "3")
                    .execute();
            results.testEvents().assertStatistics(s -> s.started(CASES).succeeded(CASES));
            assertThat(server.maxConcurrentRequests()).isLessThanOrEqualTo(3);
            // each case's report entry names its own city's answer length: results stayed with their cases
            for (Event started : results.testEvents().started().stream().toList()) {
                String name = started.getTestDescriptor().getDisplayName();
                String city = name.substring(name.indexOf('"') + 1, name.lastIndexOf('"'));
                Map<String, String> entry = Engines.entries(results, name);
                assertThat(entry.get("promptspec.tokens.output")).as(name)
                        .isEqualTo(String.valueOf(Math.max(1, CityAnswers.ANSWERS.get(city).length() / 4)));
            }
            assertThat(overlapping(results)).as("tests overlap, as the cases do").isTrue();
        }
    }

    /** True when some test started before another one had finished: the engine reported them as they ran. */
    private static boolean overlapping(EngineExecutionResults results) {
        int running = 0;
        for (Event e : results.testEvents().stream().toList()) {
            if (e.getType() == org.junit.platform.testkit.engine.EventType.STARTED) {
                running++;
                if (running > 1) {
                    return true;
                }
            } else if (e.getType() == org.junit.platform.testkit.engine.EventType.FINISHED) {
                running--;
            }
        }
        return false;
    }

    @Test
    void once_the_budget_is_spent_no_further_calls_are_made_and_the_rest_is_aborted(@TempDir Path dir) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(CityAnswers.answering(Duration.ZERO))) {
            EngineExecutionResults results = Engines.kit(server)
                    .configurationParameter("promptspec.mode", "live")
                    .configurationParameter("promptspec.recordings.dir", dir.toString())
                    .configurationParameter("promptspec.concurrency", "1")
                    // each answer uses 100 prompt tokens and ~25 completion tokens: the third call crosses 300
                    .configurationParameter("promptspec.budget.max-tokens", "300")
                    .selectors(selectClass(Cities.class))
                    .execute();
            assertThat(server.requests()).hasSize(3);
            results.testEvents().assertStatistics(s -> s.started(CASES).succeeded(3).aborted(CASES - 3).failed(0));
            TestExecutionResult aborted = results.testEvents().aborted().stream().findFirst().orElseThrow()
                    .getRequiredPayload(TestExecutionResult.class);
            assertThat(aborted.getThrowable()).get().extracting(Throwable::getMessage).asString()
                    .contains("the run's budget is spent", "promptspec.budget.max-tokens=300", "no further model calls are made");
            assertThat(Engines.runSummary(results)).containsEntry("promptspec.calls.budget-stopped", String.valueOf(CASES - 3));
        }
    }

    @Test
    void cancellation_stops_calls_that_have_not_started(@TempDir Path dir) throws Exception {
        CancellationToken token = CancellationToken.create();
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> {
            token.cancel(); // e.g. fail-fast after the first failure
            return CityAnswers.answering(Duration.ofMillis(200)).apply(r);
        })) {
            EngineExecutionResults results = Engines.live(server, dir, Cities.class)
                    .configurationParameter("promptspec.concurrency", "2")
                    .cancellationToken(token)
                    .execute();
            // only the calls already in flight when it was cancelled reached the server
            assertThat(server.requests().size()).isBetween(1, 2);
            assertThat(results.testEvents().failed().count()).isZero();
            long skippedOrAborted = results.testEvents().skipped().count() + results.testEvents().aborted().count();
            assertThat(skippedOrAborted).isGreaterThanOrEqualTo(CASES - 2);
        }
    }
}
