package com.ecsimagesaga.adapter.alicloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.image.ImageState;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.ImageView;
import com.ecsimagesaga.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CopyImage, CancelCopyImage and the share permissions through the real SDK over HTTP against the
 * simulator: what each call answers, how its errors are classified, and that a copy is found in its
 * destination region by the same polling as a created image.
 */
class EcsImageGatewayCopyAndShareTest {

  static final String SOURCE = "cn-hangzhou";
  static final String DESTINATION = "cn-shanghai";

  private EcsSimulator sim;
  private EcsImageGateway gateway;
  private final String sagaId = UUID.randomUUID().toString();

  @BeforeEach
  void start() {
    sim =
        EcsSimulator.start(
            SimulatorConfig.builder()
                .controlPort(-1)
                .speedFactor(1000)
                .failingCopyRegions(Set.of("cn-beijing"))
                .build());
    var config =
        new EcsImageGatewayRateLimitTest.Config(
            sim.endpoint(), sim.config().accessKeyId(), sim.config().accessKeySecret());
    gateway =
        new EcsImageGateway(
            config, Clock.systemUTC(), new RateBudget(Clock.systemUTC(), 0, Map.of()));
  }

  @AfterEach
  void stop() {
    gateway.stop();
    sim.close();
  }

  private String sourceImage() {
    Instant now = Instant.now();
    return sim.world().seedImage(SOURCE, "golden", Map.of(), now, now);
  }

  private CloudAction.CopyImage copyOf(String imageId, String destination, String token) {
    return copyOf(imageId, destination, token, "golden-copy");
  }

  private CloudAction.CopyImage copyOf(
      String imageId, String destination, String token, String name) {
    return new CloudAction.CopyImage(
        SOURCE,
        imageId,
        destination,
        name,
        "a copy",
        false,
        null,
        List.of(new ImageTag(CreateImageSaga.SAGA_TAG, sagaId), new ImageTag("team", "platform")),
        token);
  }

  private StepOutcome run(CloudAction action) {
    return gateway.execute(action).await().atMost(Duration.ofSeconds(30));
  }

  private static ErrorKind kindOf(StepOutcome outcome) {
    assertThat(outcome).isInstanceOf(StepOutcome.Failed.class);
    return ((StepOutcome.Failed) outcome).error().kind();
  }

  private static String codeOf(StepOutcome outcome) {
    return ((StepOutcome.Failed) outcome).error().code();
  }

  @Test
  void copyIsSubmittedAndObservedInTheDestinationWithItsTags() {
    String source = sourceImage();
    Instant before = Instant.now().minusSeconds(1);

    StepOutcome outcome = run(copyOf(source, DESTINATION, "copy-token-1"));

    assertThat(outcome).isInstanceOf(StepOutcome.ImageSubmitted.class);
    var submitted = (StepOutcome.ImageSubmitted) outcome;
    assertThat(submitted.requestId()).isNotBlank();
    String copyId = submitted.imageId();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Map<String, StepOutcome> seen =
                  gateway
                      .observeOwnImages(
                          DESTINATION, Set.of(copyId), before, Instant.now().minusMillis(1))
                      .await()
                      .atMost(Duration.ofSeconds(10));
              assertThat(seen.get(copyId)).isInstanceOf(StepOutcome.ImageSeen.class);
              var image = ((StepOutcome.ImageSeen) seen.get(copyId)).image();
              assertThat(image.state()).isEqualTo(ImageState.AVAILABLE);
              assertThat(image.usable()).isTrue();
              assertThat(image.tags())
                  .containsEntry(CreateImageSaga.SAGA_TAG, sagaId)
                  .containsEntry("team", "platform");
            });
    StepOutcome observed = run(new CloudAction.ObserveImage(DESTINATION, copyId));
    assertThat(((StepOutcome.ImageSeen) observed).image().imageName()).isEqualTo("golden-copy");
    assertThat(sim.world().imageCount(SOURCE)).isEqualTo(1);
  }

  @Test
  void aRetryWithTheSameClientTokenAnswersTheSameCopy() {
    String source = sourceImage();

    StepOutcome first = run(copyOf(source, DESTINATION, "copy-token-2"));
    StepOutcome again = run(copyOf(source, DESTINATION, "copy-token-2"));

    assertThat(((StepOutcome.ImageSubmitted) again).imageId())
        .isEqualTo(((StepOutcome.ImageSubmitted) first).imageId());
    assertThat(sim.world().imageCount(DESTINATION)).isEqualTo(1);
    assertThat(sim.world().images(DESTINATION).get(0).clientToken()).isEqualTo("copy-token-2");
  }

  @Test
  void aLostAnswerIsOutcomeUnknownAndTheRetryReturnsTheCopyAlreadyMade() {
    String source = sourceImage();
    sim.faults().next("CopyImage", 1, Fault.lostResponseAfterCommit());

    StepOutcome lost = run(copyOf(source, DESTINATION, "copy-token-3"));
    StepOutcome retried = run(copyOf(source, DESTINATION, "copy-token-3"));

    assertThat(kindOf(lost)).isEqualTo(ErrorKind.OUTCOME_UNKNOWN);
    List<ImageView> copies = sim.world().images(DESTINATION);
    assertThat(copies).hasSize(1);
    assertThat(((StepOutcome.ImageSubmitted) retried).imageId()).isEqualTo(copies.get(0).imageId());
  }

  @Test
  void copyErrorsAreClassified() {
    String source = sourceImage();
    Instant now = Instant.now();
    String creating =
        sim.world().seedImage(SOURCE, "not-ready", Map.of(), now, now.plus(Duration.ofHours(1)));

    StepOutcome missing = run(copyOf("m-bp1doesnotexist00000", DESTINATION, null));
    StepOutcome notReady = run(copyOf(creating, DESTINATION, null));
    StepOutcome noRegion = run(copyOf(source, "cn-atlantis", null));
    StepOutcome sameRegion = run(copyOf(source, SOURCE, null));
    sim.faults().next("CopyImage", 1, Fault.throttling());
    StepOutcome throttled = run(copyOf(source, DESTINATION, null));
    sim.reconfigure(b -> b.imageQuotaPerRegion(0));
    StepOutcome quota = run(copyOf(source, DESTINATION, null));

    assertThat(kindOf(missing)).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(codeOf(notReady)).isEqualTo("IncorrectImageStatus");
    assertThat(kindOf(notReady)).isEqualTo(ErrorKind.STATE_WAIT);
    assertThat(codeOf(noRegion)).isEqualTo("DestinationRegion.NotFound");
    assertThat(kindOf(noRegion)).isEqualTo(ErrorKind.PERMANENT);
    assertThat(kindOf(sameRegion)).isEqualTo(ErrorKind.PERMANENT);
    assertThat(kindOf(throttled)).isEqualTo(ErrorKind.THROTTLED);
    assertThat(codeOf(quota)).isEqualTo("QuotaExceed.Image");
    assertThat(kindOf(quota)).isEqualTo(ErrorKind.PERMANENT);
    assertThat(sim.world().imageCount(DESTINATION)).isZero();
  }

  @Test
  void aCopyIntoAFailingDestinationIsObservedCreateFailed() {
    String source = sourceImage();

    String copyId =
        ((StepOutcome.ImageSubmitted) run(copyOf(source, "cn-beijing", "copy-token-4"))).imageId();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              StepOutcome seen = run(new CloudAction.ObserveImage("cn-beijing", copyId));
              assertThat(((StepOutcome.ImageSeen) seen).image().state())
                  .isEqualTo(ImageState.CREATE_FAILED);
            });
  }

  @Test
  void cancelRemovesACopyInProgressAndAGoneCopyCountsAsCancelled() {
    String source = sourceImage();
    String finished =
        ((StepOutcome.ImageSubmitted) run(copyOf(source, DESTINATION, "done"))).imageId();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sim.world().image(DESTINATION, finished).orElseThrow().usable());
    sim.reconfigure(b -> b.creatingDuration(Duration.ofHours(10)));
    String running =
        ((StepOutcome.ImageSubmitted) run(copyOf(source, DESTINATION, "running", "golden-copy-2")))
            .imageId();

    StepOutcome cancelled = run(new CloudAction.CancelCopyImage(DESTINATION, running));
    StepOutcome again = run(new CloudAction.CancelCopyImage(DESTINATION, running));
    StepOutcome tooLate = run(new CloudAction.CancelCopyImage(DESTINATION, finished));

    assertThat(cancelled).isInstanceOf(StepOutcome.Applied.class);
    assertThat(((StepOutcome.Applied) cancelled).requestId()).isNotBlank();
    assertThat(sim.world().image(DESTINATION, running).orElseThrow().deleted()).isTrue();
    assertThat(again).isInstanceOf(StepOutcome.Applied.class);
    assertThat(codeOf(tooLate)).isEqualTo("IncorrectImageStatus");
    assertThat(kindOf(tooLate)).isEqualTo(ErrorKind.PERMANENT);
  }

  @Test
  void sharesAreAddedRemovedAndDescribed() {
    String image = sourceImage();

    StepOutcome added =
        run(
            new CloudAction.ModifyImageSharePermission(
                SOURCE, image, List.of("1234567890", "2345678901"), List.of()));
    StepOutcome both = run(new CloudAction.DescribeImageSharePermission(SOURCE, image));
    StepOutcome removed =
        run(
            new CloudAction.ModifyImageSharePermission(
                SOURCE, image, List.of(), List.of("1234567890")));
    StepOutcome one = run(new CloudAction.DescribeImageSharePermission(SOURCE, image));
    StepOutcome unknown =
        run(new CloudAction.DescribeImageSharePermission(SOURCE, "m-bp1doesnotexist00000"));

    assertThat(added).isInstanceOf(StepOutcome.Applied.class);
    assertThat(both)
        .isEqualTo(new StepOutcome.SharesSeen(image, List.of("1234567890", "2345678901")));
    assertThat(removed).isInstanceOf(StepOutcome.Applied.class);
    assertThat(one).isEqualTo(new StepOutcome.SharesSeen(image, List.of("2345678901")));
    assertThat(sim.world().sharedAccounts(SOURCE, image)).containsExactly("2345678901");
    assertThat(kindOf(unknown)).isEqualTo(ErrorKind.NOT_FOUND);
  }
}
