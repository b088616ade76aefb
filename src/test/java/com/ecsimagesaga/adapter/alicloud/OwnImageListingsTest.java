package com.ecsimagesaga.adapter.alicloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.create.CreateImageSaga;
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
import java.util.stream.IntStream;
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
    sim =
        EcsSimulator.start(
            SimulatorConfig.builder()
                .controlPort(-1)
                // Images take 22 s: every image of a test is still in flight.
                .speedFactor(1)
                .imageQuotaPerRegion(1000)
                .build());
    var config =
        new EcsImageGatewayRateLimitTest.Config(
            sim.endpoint(), sim.config().accessKeyId(), sim.config().accessKeySecret(), MAX_REUSE);
    gateway =
        new EcsImageGateway(config, clock, new RateBudget(clock, 100, Map.of("CreateImage", 0.0)));
    String instanceId = "i-ls" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    sim.world().seedInstance(REGION, instanceId, InstanceStatus.Running);
    this.instanceId = instanceId;
    createdSince = clock.instant();
    imageId = submit("listed");
  }

  private String instanceId;

  private String submit(String name) {
    var spec = ImageSpecs.fromInstance(REGION, instanceId, name);
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
    assertThat(submitted).isInstanceOf(StepOutcome.ImageSubmitted.class);
    return ((StepOutcome.ImageSubmitted) submitted).imageId();
  }

  /**
   * 210 images made after the one of {@link #start} (newest last), so a listing has 3 pages of 100;
   * the sagas waiting for them due now, and the listings taken so far.
   */
  private record ThreePages(List<String> newer, Instant dueAt, long listingsBefore) {}

  private ThreePages threePagesDue() {
    List<String> newer = IntStream.range(0, 210).mapToObj(i -> submit("more-" + i)).toList();
    Instant dueAt = clock.instant();
    clock.now = dueAt.plusMillis(10);
    return new ThreePages(newer, dueAt, listings());
  }

  private Map<String, StepOutcome> look(Set<String> ids, Instant takenAfter) {
    return gateway
        .observeOwnImages(REGION, ids, createdSince, takenAfter)
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    gateway.stop();
    sim.close();
  }

  private StepOutcome look(Instant takenAfter) {
    return look(Set.of(imageId), takenAfter).get(imageId);
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

  @Test
  void theImagesInFlightAreReadOnceForAWakeWhicheverOfThemAPassAwaits() {
    ThreePages due = threePagesDue();
    List<String> newer = due.newer();
    Set<String> newest = Set.copyOf(newer.subList(newer.size() - 50, newer.size()));
    assertThat(look(newest, due.dueAt()).values())
        .allMatch(StepOutcome.ImageSeen.class::isInstance);
    assertThat(listings() - due.listingsBefore())
        .as("every page of the 211 in flight")
        .isEqualTo(3);
    assertThat(look(due.dueAt())).as("the oldest image").isInstanceOf(StepOutcome.ImageSeen.class);
    assertThat(look(Set.of(newer.get(0), newer.get(150)), due.dueAt()).values())
        .allMatch(StepOutcome.ImageSeen.class::isInstance);
    assertThat(listings() - due.listingsBefore())
        .as("later passes of the wake share it")
        .isEqualTo(3);
  }

  @Test
  void anImageNotInFlightIsLookedUpByIdAndMissingWhenNotListed() {
    ThreePages due = threePagesDue();
    Map<String, StepOutcome> seen = look(Set.of(imageId, "m-notmadeyet"), due.dueAt());
    assertThat(seen.get("m-notmadeyet")).isInstanceOf(StepOutcome.ImageMissing.class);
    assertThat(seen.get(imageId)).isInstanceOf(StepOutcome.ImageSeen.class);
    assertThat(listings() - due.listingsBefore())
        .as("the 3 pages in flight, and one lookup of the image not among them")
        .isEqualTo(4);
  }
}
