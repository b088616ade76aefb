package com.ecsimagesaga.app;

import static com.ecsimagesaga.testsupport.Commands.aCreateImageCommand;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.testsupport.FakeEventEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stuck-saga detector on in-memory fakes: who is reported, why, and how often. */
class StuckSagaDetectorTest {

  static final Duration THRESHOLD = Duration.ofMinutes(5);

  private final UseCasesOnFakes world = new UseCasesOnFakes();
  private final StuckSagaDetector detector =
      new StuckSagaDetector(world.store, new FakeEventEncoder(), world.clock, THRESHOLD);

  @Test
  void aSagaNotAdvancedForLongerThanTheThresholdIsReportedOnceAndOneWithinItIsNot() {
    UUID stuck = UseCasesOnFakes.started(world.give(aCreateImageCommand().build()));
    world.clock.advance(THRESHOLD.minusSeconds(1));
    UUID recent = UseCasesOnFakes.started(world.give(aCreateImageCommand().build()));
    assertThat(detector.detectOnce().await().indefinitely())
        .as("due for exactly the threshold is not yet stuck")
        .isZero();

    world.clock.advance(Duration.ofSeconds(2));

    assertThat(detector.detectOnce().await().indefinitely()).isEqualTo(1);
    assertThat(world.outbox.typesOf(stuck)).containsExactly("SagaStuck");
    assertThat(world.outbox.typesOf(recent)).isEmpty();
    OutboxMessage report = world.outbox.messages().get(0);
    assertThat(new String(report.payload(), StandardCharsets.UTF_8))
        .contains("step=CHECK_SOURCE")
        .contains("due since " + UseCasesOnFakes.T0 + " but not advanced for more than PT5M");

    world.clock.advance(Duration.ofMinutes(1));
    assertThat(detector.detectOnce().await().indefinitely())
        .as("the same stuck state is reported once")
        .isZero();
    assertThat(world.outbox.typesOf(stuck)).containsExactly("SagaStuck");
  }
}
