package dev.promptspec.internal.model.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutClientTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void a_model_that_never_answers_times_out_and_is_interrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        TimeoutClient client = new TimeoutClient((request, context) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            throw new IllegalStateException("unreachable");
        }, Duration.ofMillis(100), threads, "my-model");
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.call(new ModelRequest("m", List.of(), null, null), CallContext.prompt("f", "k")))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelCallException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("no answer from my-model within 100 ms (promptspec.timeout)");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
