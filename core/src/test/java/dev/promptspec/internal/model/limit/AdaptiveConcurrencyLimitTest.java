package dev.promptspec.internal.model.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.internal.model.limit.AdaptiveConcurrencyLimit.Outcome;
import dev.promptspec.internal.model.limit.AdaptiveConcurrencyLimit.Permit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdaptiveConcurrencyLimitTest {

    private final List<Integer> lowered = new CopyOnWriteArrayList<>();
    private final AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(16, lowered::add);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private List<Permit> take(int n) {
        List<Permit> permits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Permit p = limit.acquire(() -> false);
            assertThat(p).as("permit %d", i).isNotNull();
            permits.add(p);
        }
        return permits;
    }

    @Test
    void a_burst_of_rate_limits_from_one_round_of_calls_halves_the_limit_once() {
        List<Permit> round = take(16);
        round.forEach(p -> p.release(Outcome.RATE_LIMITED));
        assertThat(limit.limit()).isEqualTo(8);
        assertThat(lowered).containsExactly(8);

        // a call that started after the decrease and is rate-limited too: the next round, halved again
        take(1).get(0).release(Outcome.RATE_LIMITED);
        assertThat(limit.limit()).isEqualTo(4);
        assertThat(limit.lowest()).isEqualTo(4);
        assertThat(lowered).containsExactly(8, 4);
    }

    @Test
    void it_never_falls_below_one() {
        for (int i = 0; i < 10; i++) {
            take(1).get(0).release(Outcome.RATE_LIMITED);
        }
        assertThat(limit.limit()).isEqualTo(1);
        assertThat(lowered).containsExactly(8, 4, 2, 1);
        assertThat(take(1)).hasSize(1);
    }

    @Test
    void successes_raise_it_by_one_per_limit_successes_back_to_the_maximum_and_no_further() {
        take(1).get(0).release(Outcome.RATE_LIMITED);
        take(1).get(0).release(Outcome.RATE_LIMITED);
        assertThat(limit.limit()).isEqualTo(4);
        for (int i = 0; i < 3; i++) {
            take(1).get(0).release(Outcome.SUCCEEDED);
        }
        assertThat(limit.limit()).isEqualTo(4);
        take(1).get(0).release(Outcome.SUCCEEDED);
        assertThat(limit.limit()).isEqualTo(5);
        for (int i = 0; i < 1_000; i++) {
            take(1).get(0).release(Outcome.SUCCEEDED);
        }
        assertThat(limit.limit()).isEqualTo(16);
        assertThat(limit.lowest()).isEqualTo(4);
    }

    @Test
    void other_failures_change_nothing() {
        take(16).forEach(p -> p.release(Outcome.FAILED));
        assertThat(limit.limit()).isEqualTo(16);
        assertThat(lowered).isEmpty();
    }

    @Test
    void a_lowered_limit_holds_back_new_calls_until_enough_in_flight_ones_return_and_then_serves_them_in_arrival_order()
            throws Exception {
        List<Permit> round = take(16);
        round.get(0).release(Outcome.RATE_LIMITED); // limit 8, 15 still in flight
        List<String> served = new CopyOnWriteArrayList<>();
        CompletableFuture<Permit> first = waitFor("first", served);
        awaitQueued(1);
        CompletableFuture<Permit> second = waitFor("second", served);
        awaitQueued(2);
        for (int i = 1; i <= 7; i++) {
            round.get(i).release(Outcome.FAILED); // 8 in flight: still at the limit
        }
        assertThat(served).isEmpty();
        round.get(8).release(Outcome.FAILED);
        assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
        round.get(9).release(Outcome.FAILED);
        assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(served).containsExactly("first", "second");
        assertThat(limit.inFlight()).isEqualTo(8);
    }

    @Test
    void cancellation_ends_the_wait_for_a_permit_and_gives_nothing() throws Exception {
        take(16);
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<Permit> waiting = CompletableFuture.supplyAsync(() -> limit.acquire(cancelled::get), threads);
        awaitQueued(1);
        cancelled.set(true);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(limit.inFlight()).isEqualTo(16);
    }

    @Test
    void a_permit_released_twice_counts_once() {
        Permit p = take(1).get(0);
        p.release(Outcome.SUCCEEDED);
        p.release(Outcome.SUCCEEDED);
        assertThat(limit.inFlight()).isZero();
    }

    private CompletableFuture<Permit> waitFor(String name, List<String> served) {
        return CompletableFuture.supplyAsync(() -> {
            Permit p = limit.acquire(() -> false);
            served.add(name);
            return p;
        }, threads);
    }

    /** Waits until {@code n} callers are queued (no timing assertion: the test only needs them to be there). */
    private void awaitQueued(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (limit.waiting() < n && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        assertThat(limit.waiting()).isEqualTo(n);
    }
}
