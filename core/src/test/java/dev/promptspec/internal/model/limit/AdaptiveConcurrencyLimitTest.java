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
    void a_round_refused_whole_halves_the_limit_and_each_refusal_takes_half_a_place() {
        List<Permit> round = take(16);
        round.forEach(p -> p.release(Outcome.RATE_LIMITED));
        assertThat(limit.limit()).isEqualTo(8);
        assertThat(lowered).containsExactly(15, 14, 13, 12, 11, 10, 9, 8);

        take(2).forEach(p -> p.release(Outcome.RATE_LIMITED));
        assertThat(limit.limit()).isEqualTo(7);
        assertThat(limit.lowest()).isEqualTo(7);
    }

    @Test
    void it_never_falls_below_one() {
        for (int i = 0; i < 100; i++) {
            take(1).get(0).release(Outcome.RATE_LIMITED);
        }
        assertThat(limit.limit()).isEqualTo(1);
        assertThat(lowered).hasSize(15).endsWith(2, 1);
        assertThat(take(1)).hasSize(1);
    }

    @Test
    void each_answer_gives_back_two_places_per_limit_back_to_the_maximum_and_no_further() {
        for (int i = 0; i < 24; i++) {
            take(1).get(0).release(Outcome.RATE_LIMITED);
        }
        assertThat(limit.limit()).isEqualTo(4);
        take(1).get(0).release(Outcome.SUCCEEDED);
        assertThat(limit.limit()).isEqualTo(4);
        take(1).get(0).release(Outcome.SUCCEEDED);
        assertThat(limit.limit()).isEqualTo(5);
        for (int i = 0; i < 1_000; i++) {
            take(1).get(0).release(Outcome.SUCCEEDED);
        }
        assertThat(limit.limit()).isEqualTo(16);
        assertThat(limit.lowest()).isEqualTo(4);
    }

    /** A server that serves 4 calls at once and refuses the rest: the limit comes down to a little above 4. */
    @Test
    void a_server_that_serves_four_calls_at_once_brings_the_limit_down_near_four() {
        List<Integer> limits = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            List<Permit> permits = take(limit.limit());
            for (int i = 0; i < permits.size(); i++) {
                permits.get(i).release(i < 4 ? Outcome.SUCCEEDED : Outcome.RATE_LIMITED);
            }
            limits.add(limit.limit());
        }
        // equilibrium of L - (L - 4) / 2 + 2 * 4 / L = L: about 6.5
        assertThat(limits.subList(40, 50)).allSatisfy(l -> assertThat(l).isBetween(5, 7));
    }

    /** A fifth of all calls refused whatever the load: the limit stays near the maximum instead of collapsing. */
    @Test
    void a_steady_share_of_rate_limits_unrelated_to_the_load_keeps_the_limit_near_the_maximum() {
        long call = 0;
        for (int round = 0; round < 200; round++) {
            for (Permit p : take(limit.limit())) {
                p.release(++call % 5 == 0 ? Outcome.RATE_LIMITED : Outcome.SUCCEEDED);
            }
        }
        assertThat(limit.limit()).isGreaterThanOrEqualTo(14);
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
        round.get(0).release(Outcome.RATE_LIMITED);
        round.get(1).release(Outcome.RATE_LIMITED);
        round.get(2).release(Outcome.RATE_LIMITED);
        round.get(3).release(Outcome.RATE_LIMITED);
        round.get(4).release(Outcome.RATE_LIMITED);
        round.get(5).release(Outcome.RATE_LIMITED); // limit 13, 10 still in flight
        take(3);                                     // 13 in flight
        List<String> served = new CopyOnWriteArrayList<>();
        CompletableFuture<Permit> first = waitFor("first", served);
        awaitQueued(1);
        CompletableFuture<Permit> second = waitFor("second", served);
        awaitQueued(2);
        round.get(6).release(Outcome.RATE_LIMITED); // limit 12, 12 in flight: still at the limit
        assertThat(served).isEmpty();
        round.get(7).release(Outcome.FAILED);
        assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
        round.get(8).release(Outcome.FAILED);
        assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(served).containsExactly("first", "second");
        assertThat(limit.inFlight()).isEqualTo(12);
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
