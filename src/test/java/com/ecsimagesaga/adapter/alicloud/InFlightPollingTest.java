package com.ecsimagesaga.adapter.alicloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.image.ImageState;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Polling costs what is in flight, not what exists: a region where the service made 50,000 images
 * (all finished) after the oldest one it still waits for, 3 hours old, with 100 in flight. The real
 * SDK over HTTP against the simulator, whose counters say how many DescribeImages were made.
 */
class InFlightPollingTest {

  static final String REGION = "cn-hangzhou";

  private EcsSimulator sim;
  private EcsImageGateway gateway;
  private final Instant now = Instant.now();

  @BeforeEach
  void start() {
    sim =
        EcsSimulator.start(
            SimulatorConfig.builder().controlPort(-1).imageQuotaPerRegion(100_000).build());
    var config =
        new EcsImageGatewayRateLimitTest.Config(
            sim.endpoint(),
            sim.config().accessKeyId(),
            sim.config().accessKeySecret(),
            Duration.ofSeconds(10));
    gateway =
        new EcsImageGateway(
            config, Clock.systemUTC(), new RateBudget(Clock.systemUTC(), 0, Map.of()));
  }

  @AfterEach
  void stop() {
    gateway.stop();
    sim.close();
  }

  private String seed(String name, Instant created, Instant ready) {
    return sim.world()
        .seedImage(
            REGION,
            name,
            Map.of(CreateImageSaga.SAGA_TAG, UUID.randomUUID().toString()),
            created,
            ready);
  }

  private long describeImages() {
    return sim.counters().count("DescribeImages");
  }

  private Map<String, StepOutcome> poll(Set<String> awaited, Instant since) {
    return gateway
        .observeOwnImages(REGION, awaited, since, Instant.now().minusMillis(1))
        .await()
        .atMost(Duration.ofSeconds(30));
  }

  private static ImageState state(StepOutcome o) {
    assertThat(o).isInstanceOf(StepOutcome.ImageSeen.class);
    return ((StepOutcome.ImageSeen) o).image().state();
  }

  @Test
  void aThreeHourOldImageAmongFiftyThousandFinishedOnesCostsThePagesInFlight() {
    Instant threeHoursAgo = now.minus(Duration.ofHours(3));
    String slow = seed("slow", threeHoursAgo, now.plus(Duration.ofHours(1)));
    String slowDone = seed("slow-done", threeHoursAgo.plusMillis(1), now.minusSeconds(90));
    for (int i = 0; i < 50_000; i++) {
      Instant created = threeHoursAgo.plusMillis(10 + 200L * i);
      seed("done-" + i, created, created.plusSeconds(60));
    }
    List<String> inFlight = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      inFlight.add(seed("flying-" + i, now.minusSeconds(60).plusMillis(i), now.plusSeconds(1800)));
    }

    Set<String> awaited = new HashSet<>(inFlight);
    awaited.add(slow);
    long before = describeImages();
    Map<String, StepOutcome> first = poll(awaited, threeHoursAgo);
    assertThat(describeImages() - before)
        .as("pages of the 101 images in flight, not of the 50,101 made since the oldest")
        .isBetween(1L, 2L);
    assertThat(awaited)
        .allSatisfy(id -> assertThat(state(first.get(id))).isEqualTo(ImageState.CREATING));

    awaited.add(slowDone);
    before = describeImages();
    Map<String, StepOutcome> second = poll(awaited, threeHoursAgo);
    assertThat(describeImages() - before)
        .as("the same pages, and one lookup of the image that finished")
        .isBetween(2L, 3L);
    assertThat(state(second.get(slowDone))).isEqualTo(ImageState.AVAILABLE);
    assertThat(((StepOutcome.ImageSeen) second.get(slowDone)).image().usable()).isTrue();
    assertThat(state(second.get(slow))).isEqualTo(ImageState.CREATING);
  }

  @Test
  void manyImagesFinishedAtOnceShareAListingOfFinishedImagesThatStopsWhereTheyWereAllSeen() {
    Instant start = now.minus(Duration.ofMinutes(30));
    for (int i = 0; i < 1_000; i++) {
      Instant created = start.plusMillis(100L * i);
      seed("earlier-" + i, created, created.plusSeconds(30));
    }
    Set<String> justFinished = new HashSet<>();
    for (int i = 0; i < 150; i++) {
      Instant created = now.minusSeconds(120).plusMillis(100L * i);
      justFinished.add(seed("just-" + i, created, now.minusSeconds(5)));
    }

    long before = describeImages();
    Map<String, StepOutcome> seen = poll(justFinished, start);
    assertThat(describeImages() - before)
        .as("a page of nothing in flight, then 2 pages of finished images, not the 12 of all")
        .isEqualTo(3);
    assertThat(justFinished)
        .allSatisfy(id -> assertThat(state(seen.get(id))).isEqualTo(ImageState.AVAILABLE));

    before = describeImages();
    Map<String, StepOutcome> unknown = poll(Set.of("m-notlistedyet"), start);
    assertThat(unknown.get("m-notlistedyet")).isInstanceOf(StepOutcome.ImageMissing.class);
    assertThat(describeImages() - before)
        .as("a page of what is in flight, and one lookup by id")
        .isEqualTo(2);
  }

  @Test
  void aListingLongerThanTheBudgetsBurstGoesOnWhereItStoppedUntilItIsRead() {
    gateway.stop();
    RateBudget twoASecond = new RateBudget(Clock.systemUTC(), 100, Map.of("DescribeImages", 2.0));
    var config =
        new EcsImageGatewayRateLimitTest.Config(
            sim.endpoint(),
            sim.config().accessKeyId(),
            sim.config().accessKeySecret(),
            Duration.ofSeconds(10));
    gateway = new EcsImageGateway(config, Clock.systemUTC(), twoASecond);
    Set<String> inFlight = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      inFlight.add(seed("flying-" + i, now.minusSeconds(60).plusMillis(i), now.plusSeconds(1800)));
    }
    long before = describeImages();
    Set<String> seen = new HashSet<>();
    await("every image in flight seen")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              poll(inFlight, now.minusSeconds(120))
                  .forEach(
                      (id, o) -> {
                        if (o instanceof StepOutcome.ImageSeen) {
                          seen.add(id);
                        } else {
                          assertThat(o).isInstanceOf(StepOutcome.Failed.class);
                          assertThat(((StepOutcome.Failed) o).error().kind())
                              .as("an image on a page not read yet waits for its turn")
                              .isEqualTo(ErrorKind.HELD);
                        }
                      });
              return seen.size() == inFlight.size();
            });
    assertThat(describeImages() - before)
        .as("5 pages, each read once over the turns of a budget of 2 calls a second")
        .isEqualTo(5);
  }
}
