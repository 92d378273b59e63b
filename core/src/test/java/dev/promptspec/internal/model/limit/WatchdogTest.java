package dev.promptspec.internal.model.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The attempt's state machine, with deadlines fired by hand: whichever of "returned" and "deadline" comes first
 * decides, and the watchdog's interrupt never outlives the attempt.
 */
class WatchdogTest {

    private final List<Runnable> deadlines = new ArrayList<>();
    private final List<Future<?>> timers = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final Watchdog watchdog = new Watchdog((task, nanos) -> {
        deadlines.add(task);
        CompletableFuture<Void> timer = new CompletableFuture<>();
        timers.add(timer);
        return timer;
    }, clock::incrementAndGet);

    @AfterEach
    void noInterruptLeftBehind() {
        assertThat(Thread.interrupted()).as("the test thread's interrupt flag").isFalse();
    }

    private void deadlinePasses() {
        deadlines.get(deadlines.size() - 1).run();
    }

    @Test
    void an_attempt_that_returns_in_time_is_not_interrupted_and_its_timer_is_cancelled() {
        Watchdog.Attempt attempt = watchdog.start(Duration.ofSeconds(120));
        assertThat(attempt.finish(watchdog.now())).isFalse();
        assertThat(timers.get(0).isCancelled()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void at_the_deadline_the_calling_thread_is_interrupted_and_finish_says_it_timed_out_and_clears_the_interrupt() {
        Watchdog.Attempt attempt = watchdog.start(Duration.ofSeconds(1));
        deadlinePasses();
        assertThat(Thread.currentThread().isInterrupted()).as("interrupted at the deadline").isTrue();
        assertThat(attempt.finish(watchdog.now())).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("cleared by finish").isFalse();
    }

    @Test
    void a_deadline_that_fires_after_the_attempt_finished_interrupts_nothing() {
        Watchdog.Attempt first = watchdog.start(Duration.ofSeconds(1));
        assertThat(first.finish(watchdog.now())).isFalse();
        Watchdog.Attempt next = watchdog.start(Duration.ofSeconds(1));
        deadlines.get(0).run(); // the first attempt's timer, late (its cancellation lost the race)
        assertThat(Thread.currentThread().isInterrupted()).as("the next attempt is not interrupted").isFalse();
        assertThat(next.finish(watchdog.now())).isFalse();
    }

    @Test
    void an_answer_that_came_back_before_the_deadline_fired_is_kept_even_when_the_watchdog_took_the_lock_first() {
        Watchdog.Attempt attempt = watchdog.start(Duration.ofSeconds(1));
        long returnedAt = watchdog.now(); // the answer is back...
        deadlinePasses(); // ...and the deadline fires before the thread gets to finish
        assertThat(attempt.finish(returnedAt)).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt it caused is cleared").isFalse();
    }

    @Test
    void an_interrupt_that_was_already_pending_is_someone_else_s_and_stays() {
        Watchdog.Attempt attempt = watchdog.start(Duration.ofSeconds(1));
        Thread.currentThread().interrupt(); // the run shutting down
        deadlinePasses();
        assertThat(attempt.finish(watchdog.now())).isTrue();
        assertThat(Thread.interrupted()).as("still pending for its owner").isTrue();
    }

    @Test
    void the_real_watchdog_runs_every_deadline_on_one_thread_of_its_own() throws Exception {
        try (Watchdog real = new Watchdog("test-watchdog")) {
            List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < 3; i++) {
                Watchdog.Attempt a = real.start(Duration.ofMillis(20));
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException expected) {
                    threads.add(Thread.currentThread().getName());
                }
                assertThat(a.finish(real.now())).isTrue();
            }
            assertThat(threads).hasSize(3).containsOnly(Thread.currentThread().getName());
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("test-watchdog")).hasSize(1);
        }
    }
}
