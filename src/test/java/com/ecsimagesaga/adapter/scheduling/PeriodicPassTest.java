package com.ecsimagesaga.adapter.scheduling;

import static org.awaitility.Awaitility.await;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A pass that keeps finding nothing runs less and less often, and runs at once when woken. */
class PeriodicPassTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void passesThatFindNothingBackOffToTheIdleCeiling() {
    AtomicInteger passes = new AtomicInteger();
    var pass =
        new PeriodicPass(
            "test",
            vertx,
            Duration.ofMillis(20),
            Duration.ofMillis(640),
            10,
            () -> {
              passes.incrementAndGet();
              return Uni.createFrom().item(0);
            });
    pass.start(Duration.ZERO);

    // Waits of 20, 40, 80, 160, 320, 640 ms: the sixth pass starts after 620 ms, the seventh
    // after 1,260 ms. Without backing off there would be some 60 passes by then.
    await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 7);
    int seen = passes.get();
    // At the ceiling, half a second holds at most one more pass.
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(1))
        .until(() -> passes.get() - seen <= 1);
    pass.stop();
  }

  @Test
  void aWokenPassRunsAtOnceInsteadOfWaitingOutItsBackOff() {
    AtomicInteger passes = new AtomicInteger();
    var pass =
        new PeriodicPass(
            "test",
            vertx,
            Duration.ofMillis(20),
            Duration.ofSeconds(30),
            10,
            () -> {
              passes.incrementAndGet();
              return Uni.createFrom().item(0);
            });
    pass.start(Duration.ZERO);
    // The eighth pass starts after 20 + 40 + ... + 1,280 = 2,540 ms and is followed by a wait of
    // 2,560 ms.
    await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 8);
    int before = passes.get();

    pass.wake();

    await().atMost(Duration.ofMillis(1500)).until(() -> passes.get() > before);
    pass.stop();
  }

  @Test
  void aPassThatFoundWorkRunsAgainAfterTheInterval() {
    AtomicInteger passes = new AtomicInteger();
    var pass =
        new PeriodicPass(
            "test",
            vertx,
            Duration.ofMillis(20),
            Duration.ofSeconds(30),
            10,
            () -> {
              passes.incrementAndGet();
              return Uni.createFrom().item(1);
            });
    pass.start(Duration.ZERO);

    await().atMost(Duration.ofSeconds(3)).until(() -> passes.get() >= 20);
    pass.stop();
  }
}
