package com.ecsimagesaga.adapter.alicloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.CreateImageSaga;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.simulator.SimulatorConfig;
import com.ecsimagesaga.testsupport.ImageSpecs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One DescribeImages listing answers every saga that was due before it was taken, for at most
 * {@code saga.ecs.listing-reuse}: the real SDK over HTTP against the simulator, whose counters say
 * how many listings were taken.
 */
class OwnImageListingsTest {

  static final String REGION = "cn-hangzhou";
  static final Duration MAX_REUSE = Duration.ofSeconds(10);

  /**
   * The gateway's clock, moved by the test; the simulator keeps wall time so signatures stay valid.
   */
  static final class HandClock extends Clock {
    volatile Instant now = Instant.now();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final HandClock clock = new HandClock();
  private EcsSimulator sim;
  private EcsImageGateway gateway;
  private String imageId;
  private Instant createdSince;

  @BeforeEach
  void start() {
    sim = EcsSimulator.start(SimulatorConfig.builder().controlPort(-1).speedFactor(1000).build());
    var config =
        new EcsImageGatewayRateLimitTest.Config(
            sim.endpoint(), sim.config().accessKeyId(), sim.config().accessKeySecret(), MAX_REUSE);
    gateway = new EcsImageGateway(config, clock, new RateBudget(clock, 100, Map.of()));
    String instanceId = "i-ls" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    sim.world().seedInstance(REGION, instanceId, InstanceStatus.Running);
    createdSince = clock.instant();
    var spec = ImageSpecs.fromInstance(REGION, instanceId, "listed");
    var submitted =
        gateway
            .execute(
                new CloudAction.SubmitCreateImage(
                    REGION,
                    spec,
                    "tok-" + UUID.randomUUID(),
                    List.of(new ImageTag(CreateImageSaga.SAGA_TAG, UUID.randomUUID().toString()))))
            .await()
            .atMost(Duration.ofSeconds(10));
    imageId = ((StepOutcome.ImageSubmitted) submitted).imageId();
  }

  @AfterEach
  void stop() {
    gateway.stop();
    sim.close();
  }

  private StepOutcome look(Instant takenAfter) {
    return gateway
        .observeOwnImages(REGION, Set.of(imageId), createdSince, takenAfter)
        .await()
        .atMost(Duration.ofSeconds(10))
        .get(imageId);
  }

  private long listings() {
    return sim.counters().count("DescribeImages");
  }

  @Test
  void sagasDueBeforeTheListingShareItEvenWhenTheirPassRunsSecondsLater() {
    Instant dueAt = clock.instant();
    clock.now = dueAt.plusMillis(10);
    assertThat(look(dueAt)).isInstanceOf(StepOutcome.ImageSeen.class);
    long first = listings();
    clock.now = dueAt.plusSeconds(4);
    assertThat(look(dueAt)).isInstanceOf(StepOutcome.ImageSeen.class);
    assertThat(listings()).as("a later pass of the same wake").isEqualTo(first);
  }

  @Test
  void aSagaDueAfterTheListingWasTakenGetsAFreshOne() {
    Instant dueAt = clock.instant();
    clock.now = dueAt.plusMillis(10);
    look(dueAt);
    long first = listings();
    clock.now = dueAt.plusSeconds(2);
    look(dueAt.plusSeconds(2));
    assertThat(listings()).isEqualTo(first + 1);
  }

  @Test
  void noListingAnswersLongerThanTheReuseCap() {
    Instant dueAt = clock.instant();
    clock.now = dueAt.plusMillis(10);
    look(dueAt);
    long first = listings();
    clock.now = dueAt.plus(MAX_REUSE).plusSeconds(1);
    look(dueAt);
    assertThat(listings()).isEqualTo(first + 1);
  }
}
