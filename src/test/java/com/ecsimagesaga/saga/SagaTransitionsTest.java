package com.ecsimagesaga.saga;

import static com.ecsimagesaga.saga.SagaHarness.EXERCISED;
import static com.ecsimagesaga.saga.SagaHarness.POLICIES;
import static com.ecsimagesaga.saga.SagaHarness.T0;
import static com.ecsimagesaga.saga.SagaHarness.failed;
import static com.ecsimagesaga.saga.SagaHarness.givenCreate;
import static com.ecsimagesaga.saga.SagaHarness.givenDelete;
import static com.ecsimagesaga.saga.SagaHarness.givenForcedDelete;
import static com.ecsimagesaga.saga.SagaHarness.givenUpdate;
import static com.ecsimagesaga.saga.SagaHarness.image;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.image.ImageChanges;
import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageState;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.image.InstanceObservation;
import com.ecsimagesaga.saga.StepOutcome.DeleteAccepted;
import com.ecsimagesaga.saga.StepOutcome.ImageMissing;
import com.ecsimagesaga.saga.StepOutcome.ImageSeen;
import com.ecsimagesaga.saga.StepOutcome.ImageSubmitted;
import com.ecsimagesaga.saga.StepOutcome.InstanceSeen;
import com.ecsimagesaga.saga.StepOutcome.SnapshotSeen;
import com.ecsimagesaga.saga.StepOutcome.SnapshotsDeleted;
import com.ecsimagesaga.saga.StepOutcome.SourceMissing;
import com.ecsimagesaga.saga.copy.CopyImageSaga;
import com.ecsimagesaga.saga.create.CreateEvents;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.create.CreateInput;
import com.ecsimagesaga.saga.delete.DeleteEvents;
import com.ecsimagesaga.saga.delete.DeleteImageSaga;
import com.ecsimagesaga.saga.share.ShareImageSaga;
import com.ecsimagesaga.saga.update.UpdateEvents;
import com.ecsimagesaga.saga.update.UpdateImageSaga;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every row of both transition tables, driven through the pure deciders. After all of them, a check
 * fails on any row no test exercised, and the state diagram in docs/ is regenerated from the tables
 * (the check fails if the committed diagram was stale).
 */
class SagaTransitionsTest {

  static final Path DIAGRAM = Path.of("docs", "state-diagram.md");
  static final InstanceSeen RUNNING =
      new InstanceSeen(new InstanceObservation("i-1", "Running", false));

  /** The tables of every saga kind registered in SagaKinds. */
  static List<TransitionTable> allTables() {
    return KindRegistry.kinds().all().stream().map(SagaKind::table).toList();
  }

  @AfterAll
  static void everyRowIsExercisedAndTheDiagramIsCurrent() throws IOException {
    List<Transition> all = new ArrayList<>(CreateImageSaga.TABLE.rows());
    all.addAll(DeleteImageSaga.TABLE.rows());
    all.addAll(UpdateImageSaga.TABLE.rows());
    assertThat(EXERCISED).as("transitions no test exercised").containsAll(all);
    // The copy and share kinds check their rows in their own tests; the diagram shows every kind.
    String diagram = StateDiagram.render(allTables());
    String committed = Files.exists(DIAGRAM) ? Files.readString(DIAGRAM) : "";
    if (!committed.equals(diagram)) {
      Files.createDirectories(DIAGRAM.getParent());
      Files.writeString(DIAGRAM, diagram);
    }
    assertThat(committed)
        .as("docs/state-diagram.md was stale and has been regenerated; commit it")
        .isEqualTo(diagram);
  }

  @Nested
  class CreateFromInstance {

    @Test
    void aRunningInstanceIsImagedWithTheStoredTokenAndTheSagaTag() {
      var h = givenCreate().when(RUNNING, "source ready");
      var submit = (CloudAction.SubmitCreateImage) h.action();
      assertThat(submit.clientToken())
          .isEqualTo(h.saga().clientToken())
          .hasSizeLessThanOrEqualTo(64);
      assertThat(submit.serviceTags())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.key()).isEqualTo(CreateImageSaga.SAGA_TAG);
                assertThat(t.value()).isEqualTo(h.saga().id().toString());
              });
    }

    @Test
    void aStartingInstanceIsWaitedForWithinTheStateWaitBudget() {
      var starting = new InstanceSeen(new InstanceObservation("i-1", "Starting", false));
      var h = givenCreate().when(starting, "source settling");
      assertThat(h.saga().status()).isEqualTo(SagaStatus.WAITING);
      assertThat(h.saga().nextWakeAt()).isAfterOrEqualTo(T0);
      h.when(starting, "source unusable");
      assertThat(h.onlyEvent(CreateEvents.ImageCreationFailed.class).failure().kind())
          .isEqualTo("RETRIES_EXHAUSTED");
    }

    @Test
    void aLockedOrMissingInstanceFailsWithoutTouchingEcs() {
      var locked = new InstanceSeen(new InstanceObservation("i-1", "Running", true));
      var e =
          givenCreate()
              .when(locked, "source unusable")
              .onlyEvent(CreateEvents.ImageCreationFailed.class);
      assertThat(e.failure().code()).isEqualTo("InstanceLockedForSecurity");
      assertThat(e.compensation()).isEqualTo("NOT_NEEDED");
      var missing =
          givenCreate()
              .when(new SourceMissing("i-1"), "source unusable")
              .onlyEvent(CreateEvents.ImageCreationFailed.class);
      assertThat(missing.failure().code()).isEqualTo("InvalidInstanceId.NotFound");
    }

    @Test
    void throttlingIsBoundedByTimeNotByCount() {
      var h =
          givenCreate()
              .when(failed(ErrorKind.THROTTLED, "Throttling.User"), "retryable error")
              .when(RUNNING, "source ready");
      Instant deadline = h.saga().deadlineAt();
      for (int i = 0; i < 25; i++) {
        h.when(failed(ErrorKind.THROTTLED, "Throttling.User"), "retryable error");
      }
      assertThat(h.saga().attempt()).as("throttles spend no attempts").isZero();
      assertThat(h.saga().quotaWait().throttles()).isEqualTo(25);
      assertThat(h.saga().lastError().code()).isEqualTo("Throttling.User");
      assertThat(h.saga().nextWakeAt()).isBetween(T0, T0.plusSeconds(60));
      assertThat(h.saga().deadlineAt())
          .as("the saga deadline moved on by the time spent waiting for quota")
          .isEqualTo(deadline.plus(h.saga().quotaWait().waited()));
      Duration almostAll = SagaPolicies.DEFAULT_QUOTA_MAX_WAIT.minusMillis(1);
      h.replaceSaga(h.saga().edit().quotaWait(new QuotaWait(almostAll, 25)).build())
          .when(failed(ErrorKind.THROTTLED, "Throttling.User"), "error");
      var failure = h.onlyEvent(CreateEvents.ImageCreationFailed.class).failure();
      assertThat(failure.code()).isEqualTo("Saga.QuotaNeverFreed");
      assertThat(failure.kind()).isEqualTo("QUOTA_EXHAUSTED");
      assertThat(failure.message()).contains("Throttling.User").contains("21599s");
    }

    @Test
    void aThrottledCreateWakesNoEarlierThanTheQuotaReturns() {
      var h = givenCreate().when(RUNNING, "source ready");
      var throttled =
          new CloudError(
              ErrorKind.THROTTLED,
              "Throttling.User",
              "flow control",
              "REQ-9",
              Duration.ofSeconds(45));
      h.when(new StepOutcome.Failed(throttled), "retryable error");
      assertThat(h.saga().step()).isEqualTo(CreateImageSaga.SUBMIT_CREATE_IMAGE);
      assertThat(h.saga().nextWakeAt())
          .as("the backoff alone would be at most 1 s")
          .isEqualTo(T0.plusSeconds(45));
    }

    @Test
    void aPermanentErrorFailsFastWithTheEcsDetails() {
      var e =
          givenCreate()
              .when(failed(ErrorKind.PERMANENT, "Forbidden.RAM"), "error")
              .onlyEvent(CreateEvents.ImageCreationFailed.class);
      assertThat(e.failure().code()).isEqualTo("Forbidden.RAM");
      assertThat(e.failure().requestId()).isEqualTo("REQ-1");
    }

    @Test
    void theDeadlineEndsASagaThatNeverGotStarted() {
      var h = givenCreate().whenExpiredAt(Duration.ofMinutes(61));
      assertThat(h.saga().status()).isEqualTo(SagaStatus.FAILED);
      assertThat(h.onlyEvent(CreateEvents.ImageCreationFailed.class).failure().kind())
          .isEqualTo("TIMED_OUT");
      assertThat(SagaHarness.CREATE.expire(givenCreate().saga(), T0.plusSeconds(60))).isEmpty();
    }
  }

  @Nested
  class Submit {

    @Test
    void acceptanceRecordsTheImageAndPollsSoon() {
      var h =
          givenCreate()
              .when(RUNNING, "source ready")
              .when(new ImageSubmitted("m-1", "R"), "accepted");
      assertThat(h.saga().imageId()).isEqualTo("m-1");
      assertThat(h.saga().nextWakeAt()).isEqualTo(T0.plusSeconds(2));
      assertThat(h.action())
          .isEqualTo(new CloudAction.ObserveImage("cn-hangzhou", "m-1", h.saga().createdAt()));
    }

    @Test
    void anUnknownOutcomeIsRetriedWithTheSameToken() {
      var h = givenCreate().when(RUNNING, "source ready");
      String token = h.saga().clientToken();
      h.when(failed(ErrorKind.OUTCOME_UNKNOWN, "SDK.ReadTimeout"), "retryable error");
      assertThat(((CloudAction.SubmitCreateImage) h.action()).clientToken()).isEqualTo(token);
    }

    @Test
    void idempotentFailedMeansANewRecordedToken() {
      var h = givenCreate().when(RUNNING, "source ready");
      String token = h.saga().clientToken();
      h.when(failed(ErrorKind.IDEMPOTENCY_FAILED, "IdempotentFailed"), "token refused");
      assertThat(h.saga().tokenGeneration()).isEqualTo(1);
      assertThat(h.saga().clientToken()).isNotEqualTo(token).endsWith("-1");
    }

    @Test
    void aRejectedCreateFailsWithoutCompensation() {
      var h =
          givenCreate()
              .when(RUNNING, "source ready")
              .when(failed(ErrorKind.PERMANENT, "InvalidImageName.Duplicated"), "error");
      assertThat(h.onlyEvent(CreateEvents.ImageCreationFailed.class).compensation())
          .isEqualTo("NOT_NEEDED");
    }

    @Test
    void theDeadlineAlsoBoundsSubmitting() {
      assertThat(
              givenCreate()
                  .when(RUNNING, "source ready")
                  .whenExpiredAt(Duration.ofHours(2))
                  .saga()
                  .status())
          .isEqualTo(SagaStatus.FAILED);
    }
  }

  /**
   * A submission that gave up after a CreateImage whose outcome is unknown: the image is looked for
   * by the saga tag.
   */
  @Nested
  class LostSubmission {

    private final StepOutcome.Failed unknown = failed(ErrorKind.OUTCOME_UNKNOWN, "SDK.ReadTimeout");

    @Test
    void retriesExhaustedOnAnUnknownOutcomeLookForTheImageAndCompensateTheOneFound() {
      var h =
          givenCreate(new ImageSource.FromInstance("i-1"), true)
              .when(RUNNING, "source ready")
              .when(unknown, "retryable error")
              .when(unknown, Duration.ofSeconds(5), "retryable error")
              .when(unknown, Duration.ofSeconds(10), CreateImageSaga.SUBMIT_OUTCOME_UNKNOWN);
      assertThat(h.decision().events()).as("nothing is reported before the look").isEmpty();
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATING);
      assertThat(h.saga().failure().kind()).isEqualTo("RETRIES_EXHAUSTED");
      assertThat(h.saga().failure().step()).isEqualTo(CreateImageSaga.SUBMIT_CREATE_IMAGE);
      assertThat(h.saga().stepStartedAt()).isEqualTo(T0.plusSeconds(10));
      assertThat(h.saga().submitUnconfirmed()).isTrue();
      assertThat(h.action())
          .isEqualTo(new CloudAction.FindImageBySagaTag("cn-hangzhou", h.saga().id(), null));

      h.when(new ImageMissing(null), Duration.ofSeconds(10), "not listed yet");
      assertThat(h.saga().attempt()).isEqualTo(1);
      assertThat(h.saga().nextWakeAt())
          .as("spaced by the transient retry policy")
          .isBetween(T0.plusSeconds(10), T0.plusSeconds(11));
      h.when(new ImageSeen(image(ImageState.CREATING, 10, false)), Duration.ofSeconds(11), "found");
      assertThat(h.saga().imageId()).isEqualTo("m-1");
      assertThat(h.saga().snapshotIds()).containsExactly("s-a", "s-b");
      assertThat(h.action())
          .isEqualTo(new CloudAction.SubmitDeleteImage("cn-hangzhou", "m-1", true));
      h.when(new DeleteAccepted("m-1"), Duration.ofSeconds(12), "deleted, look for more");
      assertThat(h.action())
          .as("the look skips the image just deleted")
          .isEqualTo(new CloudAction.FindImageBySagaTag("cn-hangzhou", h.saga().id(), "m-1"));
      h.when(new ImageMissing(null), Duration.ofSeconds(12), "no more, snapshots next")
          .when(
              new SnapshotsDeleted(List.of("s-a", "s-b"), List.of()),
              Duration.ofSeconds(13),
              "deleted");
      var e = h.onlyEvent(CreateEvents.ImageCreationFailed.class);
      assertThat(e.compensation()).isEqualTo("COMPENSATED");
      assertThat(e.imageId()).isEqualTo("m-1");
      assertThat(e.failure().kind())
          .as("the original failure is reported")
          .isEqualTo("RETRIES_EXHAUSTED");
      assertThat(e.failure().code()).isEqualTo("SDK.ReadTimeout");
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATED);
    }

    @Test
    void aStepTimeoutAfterAnUnknownOutcomeLooksThreeTimesThenFailsWithNothingToCompensate() {
      var h =
          givenCreate(
                  new ImageSource.FromInstance("i-1"),
                  false,
                  Map.of(CreateImageSaga.SUBMIT_CREATE_IMAGE, Duration.ofMinutes(2)))
              .when(RUNNING, "source ready")
              .when(unknown, "retryable error")
              .whenExpiresAt(Duration.ofMinutes(2), CreateImageSaga.SUBMIT_OUTCOME_UNKNOWN);
      assertThat(h.saga().failure().code()).isEqualTo("Saga.StepTimeout");
      h.when(new ImageMissing(null), Duration.ofMinutes(2), "not listed yet")
          .when(new ImageMissing(null), Duration.ofMinutes(3), "not listed yet")
          .when(new ImageMissing(null), Duration.ofMinutes(4), "never made");
      var e = h.onlyEvent(CreateEvents.ImageCreationFailed.class);
      assertThat(e.compensation()).isEqualTo("NOT_NEEDED");
      assertThat(e.imageId()).isNull();
      assertThat(e.failure().code()).isEqualTo("Saga.StepTimeout");
      assertThat(e.failure().step()).isEqualTo(CreateImageSaga.SUBMIT_CREATE_IMAGE);
      assertThat(h.saga().status()).isEqualTo(SagaStatus.FAILED);
    }

    @Test
    void theSagaDeadlineAfterAnUnknownOutcomeLooksAndLookingOutlivesTheDeadlineRetryingItsErrors() {
      var h =
          givenCreate()
              .when(RUNNING, "source ready")
              .when(unknown, "retryable error")
              .whenExpiresAt(Duration.ofHours(2), CreateImageSaga.SUBMIT_OUTCOME_UNKNOWN);
      assertThat(h.saga().failure().kind()).isEqualTo("TIMED_OUT");
      var throttled = failed(ErrorKind.THROTTLED, "Throttling.User");
      for (int i = 0; i < 5; i++) {
        h.when(throttled, Duration.ofHours(2).plusSeconds(i), "retryable error");
      }
      assertThat(h.saga().attempt()).as("errors do not use up the looks").isZero();
      assertThat(h.saga().lastError().code()).isEqualTo("Throttling.User");
      assertThat(SagaHarness.CREATE.expire(h.saga(), T0.plus(Duration.ofHours(3))))
          .as("the saga deadline does not end it")
          .isEmpty();
      h.when(failed(ErrorKind.PERMANENT, "Forbidden.RAM"), Duration.ofHours(3), "error");
      var e = h.onlyEvent(CreateEvents.ImageCreationFailed.class);
      assertThat(e.compensation()).as("an operator must look").isEqualTo("COMPENSATION_FAILED");
      assertThat(e.failure().kind()).isEqualTo("TIMED_OUT");
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATION_FAILED);
    }

    @Test
    void aLostAnswerIsRememberedThroughAThrottleSoAPermanentErrorStillLooks() {
      var h =
          givenCreate()
              .when(RUNNING, "source ready")
              .when(unknown, "retryable error")
              .when(
                  failed(ErrorKind.THROTTLED, "Throttling.User"),
                  Duration.ofSeconds(2),
                  "retryable error");
      assertThat(h.saga().lastError().code())
          .as("the throttle replaced the last error")
          .isEqualTo("Throttling.User");
      assertThat(h.saga().submitUnconfirmed()).isTrue();
      h.when(
          failed(ErrorKind.PERMANENT, "Forbidden.RAM"),
          Duration.ofSeconds(4),
          CreateImageSaga.SUBMIT_OUTCOME_UNKNOWN);
      assertThat(h.decision().events()).isEmpty();
      assertThat(h.saga().failure().code()).isEqualTo("Forbidden.RAM");
      h.when(new ImageSeen(image(ImageState.CREATING, 10, false)), Duration.ofSeconds(5), "found")
          .when(new DeleteAccepted("m-1"), Duration.ofSeconds(6), "deleted, look for more")
          .when(new ImageMissing(null), Duration.ofSeconds(7), "no more");
      var e = h.onlyEvent(CreateEvents.ImageCreationFailed.class);
      assertThat(e.compensation()).isEqualTo("COMPENSATED");
      assertThat(e.imageId()).isEqualTo("m-1");
      assertThat(e.failure().code()).isEqualTo("Forbidden.RAM");
    }

    @Test
    void aSagaMarkedUnconfirmedByItsStoreLooksEvenWhenEveryAnswerProvedNothingRan() {
      var h = givenCreate().when(RUNNING, "source ready");
      h.replaceSaga(h.saga().edit().submitUnconfirmed(true).build());
      h.when(failed(ErrorKind.PERMANENT, "Forbidden.RAM"), CreateImageSaga.SUBMIT_OUTCOME_UNKNOWN);
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATING);
    }

    @Test
    void everyImageTheSagaMadeIsRemovedOneAfterAnother() {
      var h =
          givenCreate(new ImageSource.FromInstance("i-1"), true)
              .when(RUNNING, "source ready")
              .when(unknown, "retryable error")
              .whenExpiresAt(Duration.ofHours(2), CreateImageSaga.SUBMIT_OUTCOME_UNKNOWN)
              .when(
                  new ImageSeen(image(ImageState.CREATING, 10, false)),
                  Duration.ofHours(2),
                  "found")
              .when(new DeleteAccepted("m-1"), Duration.ofHours(2), "deleted, look for more");
      var second =
          new ImageObservation(
              "m-2", "web-base", ImageState.AVAILABLE, 100, true, List.of("s-b", "s-c"));
      h.when(new ImageSeen(second), Duration.ofHours(2), "found");
      assertThat(h.saga().snapshotIds())
          .as("snapshots of both images")
          .containsExactly("s-a", "s-b", "s-c");
      assertThat(h.action())
          .isEqualTo(new CloudAction.SubmitDeleteImage("cn-hangzhou", "m-2", true));
      h.when(new DeleteAccepted("m-2"), Duration.ofHours(2), "deleted, look for more");
      assertThat(h.action())
          .isEqualTo(new CloudAction.FindImageBySagaTag("cn-hangzhou", h.saga().id(), "m-2"));
      h.when(new ImageMissing(null), Duration.ofHours(2), "no more, snapshots next");
      assertThat(h.action())
          .isEqualTo(new CloudAction.DeleteSnapshots("cn-hangzhou", List.of("s-a", "s-b", "s-c")));
    }

    @Test
    void anErrorThatProvesNothingRanDoesNotLook() {
      var h =
          givenCreate()
              .when(RUNNING, "source ready")
              .when(failed(ErrorKind.TRANSIENT, "ServiceUnavailable"), "retryable error")
              .when(failed(ErrorKind.PERMANENT, "InvalidImageName.Duplicated"), "error");
      assertThat(h.onlyEvent(CreateEvents.ImageCreationFailed.class).compensation())
          .isEqualTo("NOT_NEEDED");
    }
  }

  @Nested
  class AwaitUsable {

    private SagaHarness submitted(boolean deleteSnapshots) {
      return givenCreate(new ImageSource.FromInstance("i-1"), deleteSnapshots)
          .when(RUNNING, "source ready")
          .when(new ImageSubmitted("m-1", "R"), "accepted");
    }

    @Test
    void pollsFastThenSlowWhileEcsWorks() {
      var h =
          submitted(false)
              .when(
                  new ImageSeen(image(ImageState.CREATING, 40, false)),
                  Duration.ofSeconds(2),
                  "in progress");
      assertThat(h.saga().progress()).isEqualTo(40);
      assertThat(h.saga().nextWakeAt()).isEqualTo(T0.plusSeconds(4));
      h.when(
          new ImageSeen(image(ImageState.CREATING, 70, false)),
          Duration.ofMinutes(2),
          "in progress");
      assertThat(h.saga().nextWakeAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)).plusSeconds(15));
    }

    @Test
    void aLongCreationIsLookedAtAsOftenAsItsProgressSaysItNeeds() {
      // 10 % after 3 minutes: about 27 minutes left, so a look a minute (the limit) is plenty.
      var h =
          submitted(false)
              .when(
                  new ImageSeen(image(ImageState.CREATING, 10, false)),
                  Duration.ofMinutes(3),
                  "in progress");
      assertThat(h.saga().nextWakeAt()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
      // 40 % after 4 minutes: 6 minutes left, a look every 30 s (a multiple of the 15 s tier).
      h.when(
          new ImageSeen(image(ImageState.CREATING, 40, false)),
          Duration.ofMinutes(4),
          "in progress");
      assertThat(h.saga().nextWakeAt()).isEqualTo(T0.plus(Duration.ofMinutes(4)).plusSeconds(30));
      // 90 % after 9 minutes: one minute left, back to the tier's 15 s.
      h.when(
          new ImageSeen(image(ImageState.CREATING, 90, false)),
          Duration.ofMinutes(9),
          "in progress");
      assertThat(h.saga().nextWakeAt()).isEqualTo(T0.plus(Duration.ofMinutes(9)).plusSeconds(15));
    }

    @Test
    void aUsableImageWithADistributionStartsItsCopiesAndItsShareWithTheSameMove() {
      var distribution =
          new com.ecsimagesaga.saga.copy.Distribution(
              List.of(
                  new com.ecsimagesaga.saga.copy.CopyDestination(
                      "cn-beijing", null, null, false, null, List.of()),
                  new com.ecsimagesaga.saga.copy.CopyDestination(
                      "cn-shanghai", null, null, false, null, List.of())),
              List.of("1234567890123456"));
      var in =
          new CreateInput(
              SagaHarness.spec(new ImageSource.FromInstance("i-1")),
              null,
              false,
              Map.of(),
              distribution);
      var saga =
          CreateImageSaga.start(java.util.UUID.randomUUID(), "cmd-dist", in, T0, POLICIES)
              .edit()
              .traceParent("00-trace-span-01")
              .build();
      var h =
          SagaHarness.given(saga, SagaHarness.CREATE)
              .when(RUNNING, "source ready")
              .when(new ImageSubmitted("m-1", "R"), "accepted")
              .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "usable");
      assertThat(h.decision().events()).hasSize(1);
      var starts = h.decision().starts();
      assertThat(starts)
          .extracting(Saga::type, Saga::regionId, Saga::commandId)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  CopyImageSaga.TYPE, "cn-beijing", "cmd-dist/copy/cn-beijing"),
              org.assertj.core.groups.Tuple.tuple(
                  CopyImageSaga.TYPE, "cn-shanghai", "cmd-dist/copy/cn-shanghai"),
              org.assertj.core.groups.Tuple.tuple(
                  ShareImageSaga.TYPE, "cn-hangzhou", "cmd-dist/share"));
      assertThat(starts).allMatch(s -> "00-trace-span-01".equals(s.traceParent()));
      var copy = (com.ecsimagesaga.saga.copy.CopyInput) starts.get(0).input();
      assertThat(copy.sourceImageId()).isEqualTo("m-1");
      assertThat(copy.shareWith()).containsExactly("1234567890123456");
      assertThat(copy.requestedBy()).isEqualTo("cmd-dist");
      assertThat(starts.get(2).imageId()).isEqualTo("m-1");
      var plain =
          submitted(false).when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "usable");
      assertThat(plain.decision().starts()).as("no distribution, nothing started").isEmpty();
    }

    @Test
    void progressIsReportedOnEveryTenPercentStepOnly() {
      var h =
          submitted(false).when(new ImageSeen(image(ImageState.WAITING, 0, false)), "in progress");
      assertThat(h.decision().events()).isEmpty();
      h.when(new ImageSeen(image(ImageState.CREATING, 12, false)), "in progress");
      var e = h.onlyEvent(CreateEvents.ImageCreationProgressed.class);
      assertThat(e.progress()).isEqualTo(12);
      assertThat(e.status()).isEqualTo("Creating");
      h.when(new ImageSeen(image(ImageState.CREATING, 19, false)), "in progress");
      assertThat(h.decision().events()).isEmpty();
      h.when(new ImageSeen(image(ImageState.CREATING, 55, false)), "in progress");
      assertThat(h.onlyEvent(CreateEvents.ImageCreationProgressed.class).progress()).isEqualTo(55);
    }

    @Test
    void availableIsNotEnoughUntilUsable() {
      var h =
          submitted(false)
              .when(new ImageSeen(image(ImageState.AVAILABLE, 100, false)), "in progress")
              .when(new ImageMissing("m-1"), "not visible yet")
              .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "usable");
      var e = h.onlyEvent(CreateEvents.ImageCreated.class);
      assertThat(e.imageId()).isEqualTo("m-1");
      assertThat(e.snapshotIds()).containsExactly("s-a", "s-b");
      assertThat(h.saga().nextWakeAt()).isNull();
    }

    @Test
    void aFailedCreationIsCompensatedByDeletingTheImage() {
      var h =
          submitted(false)
              .when(new ImageSeen(image(ImageState.CREATE_FAILED, 30, false)), "creation failed");
      assertThat(h.action())
          .isEqualTo(new CloudAction.SubmitDeleteImage("cn-hangzhou", "m-1", true));
      var e =
          h.when(new DeleteAccepted("m-1"), "deleted")
              .onlyEvent(CreateEvents.ImageCreationFailed.class);
      assertThat(e.compensation()).isEqualTo("COMPENSATED");
      assertThat(e.failure().kind()).isEqualTo("IMAGE_CREATE_FAILED");
    }

    @Test
    void compensationCanAlsoDeleteTheSnapshots() {
      var h =
          submitted(true)
              .when(new ImageSeen(image(ImageState.CREATING, 30, false)), "in progress")
              .when(new ImageSeen(image(ImageState.CREATE_FAILED, 30, false)), "creation failed")
              .when(new DeleteAccepted("m-1"), "deleted, snapshots next");
      assertThat(h.action())
          .isEqualTo(new CloudAction.DeleteSnapshots("cn-hangzhou", List.of("s-a", "s-b")));
      h.when(failed(ErrorKind.TRANSIENT, "InternalError"), "retryable error")
          .when(new SnapshotsDeleted(List.of("s-a", "s-b"), List.of()), "deleted");
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATED);
    }

    @Test
    void aSnapshotThatCannotBeDeletedLeavesCompensationFailed() {
      var h =
          submitted(true)
              .when(new ImageSeen(image(ImageState.CREATING, 30, false)), "in progress")
              .whenExpiredAt(Duration.ofHours(2))
              .when(new DeleteAccepted("m-1"), "deleted, snapshots next")
              .when(new SnapshotsDeleted(List.of("s-a"), List.of("s-b")), "error");
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATION_FAILED);
      assertThat(h.onlyEvent(CreateEvents.ImageCreationFailed.class).failure().kind())
          .isEqualTo("TIMED_OUT");
    }

    @Test
    void aTimedOutCreationIsCompensatedNotLeftRunning() {
      var h =
          submitted(false)
              .when(failed(ErrorKind.TRANSIENT, "ServiceUnavailable"), "retryable error")
              .whenExpiredAt(Duration.ofMinutes(61));
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATING);
      h.when(failed(ErrorKind.STATE_WAIT, "ImageIsCreating"), "retryable error");
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATING);
      assertThat(SagaHarness.CREATE.expire(h.saga(), T0.plus(Duration.ofHours(3))))
          .as("compensation outlives the saga deadline")
          .isEmpty();
    }

    @Test
    void aFailingCompensationEndsInItsOwnVisibleState() {
      var h =
          submitted(false)
              .when(new ImageSeen(image(ImageState.UNAVAILABLE, 0, false)), "creation failed")
              .when(failed(ErrorKind.PERMANENT, "ImageUseShared"), "error");
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATION_FAILED);
      assertThat(h.onlyEvent(CreateEvents.ImageCreationFailed.class).compensation())
          .isEqualTo("COMPENSATION_FAILED");
    }
  }

  @Nested
  class CreateFromSnapshot {

    @Test
    void anAccomplishedSystemSnapshotIsReady() {
      var h = givenCreate(new ImageSource.FromSnapshot("s-sys"), false);
      assertThat(h.action()).isEqualTo(new CloudAction.DescribeSnapshot("cn-hangzhou", "s-sys"));
      h.when(
          new SnapshotSeen(
              "s-sys", "accomplished", "system", Instant.parse("2020-01-01T00:00:00Z")),
          "source ready");
    }

    @Test
    void oldDataOrUnfinishedSnapshotsAreRefusedOrAwaited() {
      var old =
          new SnapshotSeen("s-1", "accomplished", "system", Instant.parse("2013-07-15T10:00:00Z"));
      assertThat(
              givenCreate(new ImageSource.FromSnapshot("s-1"), false)
                  .when(old, "source unusable")
                  .onlyEvent(CreateEvents.ImageCreationFailed.class)
                  .failure()
                  .code())
          .isEqualTo("InvalidSnapshot.TooOld");
      var data =
          new SnapshotSeen("s-1", "accomplished", "data", Instant.parse("2020-01-01T00:00:00Z"));
      assertThat(
              givenCreate(new ImageSource.FromSnapshot("s-1"), false)
                  .when(data, "source unusable")
                  .onlyEvent(CreateEvents.ImageCreationFailed.class)
                  .failure()
                  .code())
          .isEqualTo("OperationDenied");
      var progressing =
          new SnapshotSeen("s-1", "progressing", "system", Instant.parse("2020-01-01T00:00:00Z"));
      givenCreate(new ImageSource.FromSnapshot("s-1"), false).when(progressing, "source settling");
    }
  }

  @Nested
  class Delete {

    @Test
    void anImageAlreadyGoneCountsAsDeleted() {
      var e =
          givenDelete(false)
              .when(new ImageMissing("m-1"), "absent")
              .onlyEvent(DeleteEvents.ImageDeleted.class);
      assertThat(e.alreadyAbsent()).isTrue();
    }

    @Test
    void deleteThenWaitUntilEcsNoLongerListsIt() {
      var h =
          givenDelete(false).when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present");
      assertThat(h.action())
          .isEqualTo(new CloudAction.SubmitDeleteImage("cn-hangzhou", "m-1", false));
      h.when(failed(ErrorKind.THROTTLED, "Throttling"), "retryable error")
          .when(new DeleteAccepted("m-1"), "accepted")
          .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "still listed")
          .when(failed(ErrorKind.TRANSIENT, "InternalError"), "retryable error")
          .when(new ImageMissing("m-1"), "gone");
      assertThat(h.onlyEvent(DeleteEvents.ImageDeleted.class).alreadyAbsent()).isFalse();
    }

    @Test
    void snapshotsAreDeletedWhenAsked() {
      var h =
          givenDelete(true)
              .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present")
              .when(new DeleteAccepted("m-1"), "accepted")
              .when(new ImageMissing("m-1"), "gone, snapshots next")
              .when(failed(ErrorKind.THROTTLED, "Throttling"), "retryable error")
              .when(new SnapshotsDeleted(List.of("s-a", "s-b"), List.of()), "deleted");
      assertThat(h.onlyEvent(DeleteEvents.ImageDeleted.class).deletedSnapshotIds())
          .containsExactly("s-a", "s-b");
      var h2 =
          givenDelete(true)
              .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present")
              .when(new DeleteAccepted("m-1"), "accepted")
              .when(new ImageMissing("m-1"), "gone, snapshots next")
              .when(failed(ErrorKind.PERMANENT, "Forbidden.RAM"), "error");
      assertThat(h2.saga().status())
          .as("the image is gone even if its snapshots stay")
          .isEqualTo(SagaStatus.SUCCEEDED);
    }

    @Test
    void anImageInUseIsNotDeletedWithoutForce() {
      var h =
          givenDelete(false)
              .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present")
              .when(failed(ErrorKind.PERMANENT, "ImageUsingByInstance"), "error");
      assertThat(h.onlyEvent(DeleteEvents.ImageDeletionFailed.class).failure().code())
          .isEqualTo("ImageUsingByInstance");
    }

    @Test
    void aForcedDeleteOfASharedImageStopsSharingItFirstThenDeletesIt() {
      var h =
          givenForcedDelete(Map.of())
              .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present")
              .when(failed(ErrorKind.PERMANENT, "ImageUseShared"), "shared, unshare first");
      assertThat(h.action()).isEqualTo(new CloudAction.UnshareFromAll("cn-hangzhou", "m-1"));
      assertThat(h.decision().events()).as("nothing failed").isEmpty();
      h.when(failed(ErrorKind.THROTTLED, "Throttling"), "retryable error")
          .when(new StepOutcome.Unshared("m-1", List.of("123456789012")), "unshared");
      assertThat(h.action())
          .isEqualTo(new CloudAction.SubmitDeleteImage("cn-hangzhou", "m-1", true));
      h.when(new DeleteAccepted("m-1"), "accepted").when(new ImageMissing("m-1"), "gone");
      assertThat(h.onlyEvent(DeleteEvents.ImageDeleted.class).imageId()).isEqualTo("m-1");
    }

    @Test
    void aSharedImageIsNotUnsharedWithoutForce() {
      var h =
          givenDelete(false)
              .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present")
              .when(failed(ErrorKind.PERMANENT, "ImageUseShared"), "error");
      assertThat(h.onlyEvent(DeleteEvents.ImageDeletionFailed.class).failure().code())
          .isEqualTo("ImageUseShared");
    }

    @Test
    void unsharingThatFailsOrRunsOutOfTimeFailsTheDelete() {
      var refused =
          givenForcedDelete(Map.of())
              .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present")
              .when(failed(ErrorKind.PERMANENT, "ImageUseShared"), "shared, unshare first")
              .when(failed(ErrorKind.PERMANENT, "Forbidden.RAM"), "error");
      assertThat(refused.onlyEvent(DeleteEvents.ImageDeletionFailed.class).failure().step())
          .isEqualTo(DeleteImageSaga.UNSHARE_IMAGE);
      givenForcedDelete(Map.of())
          .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present")
          .when(failed(ErrorKind.PERMANENT, "ImageUseShared"), "shared, unshare first")
          .whenExpiredAt(Duration.ofMinutes(11));
      var slow =
          givenForcedDelete(Map.of(DeleteImageSaga.UNSHARE_IMAGE, Duration.ofMinutes(1)))
              .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present")
              .when(failed(ErrorKind.PERMANENT, "ImageUseShared"), "shared, unshare first")
              .whenStepTimedOutAt(Duration.ofMinutes(1));
      Failure timedOut = slow.onlyEvent(DeleteEvents.ImageDeletionFailed.class).failure();
      assertThat(timedOut.code()).isEqualTo("Saga.StepTimeout");
      assertThat(timedOut.step()).isEqualTo(DeleteImageSaga.UNSHARE_IMAGE);
    }

    @Test
    void errorsAndDeadlinesInEveryStep() {
      givenDelete(false)
          .when(failed(ErrorKind.TRANSIENT, "InternalError"), "retryable error")
          .when(failed(ErrorKind.PERMANENT, "Forbidden.RAM"), "error");
      givenDelete(false).whenExpiredAt(Duration.ofMinutes(11));
      givenDelete(false)
          .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present")
          .whenExpiredAt(Duration.ofMinutes(11));
      var awaiting =
          givenDelete(false)
              .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present")
              .when(new DeleteAccepted("m-1"), "accepted");
      awaiting.when(failed(ErrorKind.PERMANENT, "Forbidden.RAM"), "retryable error");
      assertThat(awaiting.saga().status())
          .as("ECS accepted the delete: a failed look says nothing about the image")
          .isEqualTo(SagaStatus.WAITING);
      givenDelete(false)
          .when(new ImageSeen(image(ImageState.AVAILABLE, 100, true)), "present")
          .when(new DeleteAccepted("m-1"), "accepted")
          .whenExpiredAt(Duration.ofMinutes(11));
    }
  }

  @Nested
  class Update {

    /** The changes for a subset of the four kinds, given as a bit mask. */
    private ImageChanges changes(int kinds) {
      return new ImageChanges(
          "cn-hangzhou",
          "m-1",
          (kinds & 1) != 0 ? "renamed" : null,
          null,
          null,
          null,
          (kinds & 1) != 0 ? Boolean.TRUE : null,
          (kinds & 2) != 0 ? List.of(new ImageTag("k", "v")) : List.of(),
          (kinds & 4) != 0 ? List.of("old") : List.of(),
          (kinds & 8) != 0 ? "rg-2" : null);
    }

    @Test
    void everyCombinationOfChangesRunsOnlyTheStepsItNeeds() {
      for (int kinds = 1; kinds < 16; kinds++) {
        var h = givenUpdate(changes(kinds));
        List<Step> wanted = new ArrayList<>();
        for (int bit = 0; bit < 4; bit++) {
          if ((kinds & (1 << bit)) != 0) {
            wanted.add(UpdateImageSaga.ORDER.get(bit));
          }
        }
        h.when(
            new ImageSeen(image(ImageState.AVAILABLE, 100, true)),
            "present, then " + wanted.get(0));
        for (int i = 0; i < wanted.size(); i++) {
          assertThat(h.saga().step()).isEqualTo(wanted.get(i));
          h.when(
              new StepOutcome.Applied("R"),
              i + 1 < wanted.size() ? "applied, then " + wanted.get(i + 1) : "applied");
        }
        var done = h.onlyEvent(UpdateEvents.ImageUpdated.class);
        assertThat(done.changes()).hasSize(wanted.size());
      }
    }

    @Test
    void theAttributesCallCarriesOnlyWhatChanges() {
      var h =
          givenUpdate(changes(1))
              .when(
                  new ImageSeen(image(ImageState.AVAILABLE, 100, true)),
                  "present, then MODIFY_IMAGE_ATTRIBUTES");
      assertThat(h.action())
          .isEqualTo(
              new CloudAction.ModifyImageAttributes(
                  "cn-hangzhou", "m-1", "renamed", null, null, null, "Deprecated"));
    }

    @Test
    void aMissingImageFailsTheUpdate() {
      var e =
          givenUpdate(changes(3))
              .when(new ImageMissing("m-1"), "absent")
              .onlyEvent(UpdateEvents.ImageUpdateFailed.class);
      assertThat(e.failure().code()).isEqualTo("InvalidImageId.NotFound");
      assertThat(e.appliedChanges()).isEmpty();
    }

    @Test
    void errorsRetriesAndDeadlinesInEveryStep() {
      var seen = new ImageSeen(image(ImageState.AVAILABLE, 100, true));
      givenUpdate(changes(15))
          .when(failed(ErrorKind.THROTTLED, "Throttling"), "retryable error")
          .when(failed(ErrorKind.PERMANENT, "Forbidden.RAM"), "error");
      givenUpdate(changes(15)).whenExpiredAt(Duration.ofHours(1));
      String[] into = {
        "present, then MODIFY_IMAGE_ATTRIBUTES",
        "applied, then TAG_IMAGE",
        "applied, then UNTAG_IMAGE",
        "applied, then JOIN_RESOURCE_GROUP"
      };
      for (int depth = 1; depth <= 4; depth++) {
        for (int outcome = 0; outcome < 3; outcome++) {
          var h = givenUpdate(changes(15)).when(seen, into[0]);
          for (int i = 1; i < depth; i++) {
            h.when(new StepOutcome.Applied("R"), into[i]);
          }
          if (outcome == 0) {
            h.when(failed(ErrorKind.TRANSIENT, "InternalError"), "retryable error");
          } else if (outcome == 1) {
            h.when(failed(ErrorKind.PERMANENT, "InvalidResourceGroup.NotFound"), "error");
            assertThat(h.onlyEvent(UpdateEvents.ImageUpdateFailed.class).appliedChanges())
                .hasSize(depth - 1);
          } else {
            h.whenExpiredAt(Duration.ofHours(1));
          }
        }
      }
    }
  }

  /** The step timeout rows: every step of every saga type, run past its own limit. */
  @Nested
  class StepTimeoutRows {

    private final InstanceSeen starting =
        new InstanceSeen(new InstanceObservation("i-1", "Starting", false));
    private final ImageSeen seen = new ImageSeen(image(ImageState.AVAILABLE, 100, true));

    private void assertStepTimeout(Failure f, Step step) {
      assertThat(f.kind()).isEqualTo("TIMED_OUT");
      assertThat(f.code()).isEqualTo("Saga.StepTimeout");
      assertThat(f.step()).isEqualTo(step);
      assertThat(f.message()).contains("step " + step).contains("within ");
    }

    @Test
    void aSourceThatNeverBecomesReadyEndsTheCreateWithNothingToCompensate() {
      var h =
          givenCreate(
                  new ImageSource.FromInstance("i-1"),
                  false,
                  Map.of(CreateImageSaga.CHECK_SOURCE, Duration.ofMinutes(5)))
              .when(starting, "source settling");
      assertThat(SagaHarness.CREATE.expire(h.saga(), T0.plus(Duration.ofMinutes(5)).minusMillis(1)))
          .isEmpty();
      var e =
          h.whenStepTimedOutAt(Duration.ofMinutes(5))
              .onlyEvent(CreateEvents.ImageCreationFailed.class);
      assertStepTimeout(e.failure(), CreateImageSaga.CHECK_SOURCE);
      assertThat(e.compensation()).isEqualTo("NOT_NEEDED");
      assertThat(h.saga().status()).isEqualTo(SagaStatus.FAILED);
    }

    @Test
    void aLookForALostImageThatRunsOutOfTimeIsLeftForAnOperator() {
      var h =
          givenCreate(
                  new ImageSource.FromInstance("i-1"),
                  false,
                  Map.of(
                      CreateImageSaga.SUBMIT_CREATE_IMAGE,
                      Duration.ofMinutes(2),
                      Step.FIND_SUBMITTED_IMAGE,
                      Duration.ofMinutes(5)))
              .when(RUNNING, "source ready")
              .when(failed(ErrorKind.OUTCOME_UNKNOWN, "SDK.ServerUnreachable"), "retryable error")
              .whenExpiresAt(Duration.ofMinutes(2), CreateImageSaga.SUBMIT_OUTCOME_UNKNOWN)
              .when(
                  failed(ErrorKind.TRANSIENT, "ServiceUnavailable"),
                  Duration.ofMinutes(3),
                  "retryable error");
      assertThat(SagaHarness.CREATE.expire(h.saga(), T0.plus(Duration.ofMinutes(7)).minusMillis(1)))
          .isEmpty();
      h.whenStepTimedOutAt(Duration.ofMinutes(7));
      var e = h.onlyEvent(CreateEvents.ImageCreationFailed.class);
      assertThat(e.compensation()).isEqualTo(CreateImageSaga.COMPENSATION_TIMED_OUT);
      assertStepTimeout(e.failure(), CreateImageSaga.SUBMIT_CREATE_IMAGE);
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATION_FAILED);
    }

    @Test
    void submittingThatKeepsFailingEndsAtTheStepTimeoutNotCountingThrottledWaits() {
      var h =
          givenCreate(
                  new ImageSource.FromInstance("i-1"),
                  false,
                  Map.of(CreateImageSaga.SUBMIT_CREATE_IMAGE, Duration.ofMinutes(2)))
              .when(RUNNING, "source ready")
              .when(failed(ErrorKind.THROTTLED, "Throttling.User"), "retryable error");
      Duration throttled = h.saga().quotaWait().waited();
      assertThat(SagaHarness.CREATE.expire(h.saga(), T0.plus(Duration.ofMinutes(2))))
          .as("the time throttled is not the step's")
          .isEmpty();
      h.whenStepTimedOutAt(Duration.ofMinutes(2).plus(throttled));
      assertStepTimeout(
          h.onlyEvent(CreateEvents.ImageCreationFailed.class).failure(),
          CreateImageSaga.SUBMIT_CREATE_IMAGE);
      assertThat(h.saga().status()).isEqualTo(SagaStatus.FAILED);
    }

    @Test
    void anImageThatIsNotUsableInTimeIsCompensatedAndACompensationOutOfTimeIsLeftForAnOperator() {
      var h =
          givenCreate(
                  new ImageSource.FromInstance("i-1"),
                  false,
                  Map.of(
                      CreateImageSaga.AWAIT_IMAGE_USABLE,
                      Duration.ofMinutes(10),
                      Step.COMPENSATE_DELETE_IMAGE,
                      Duration.ofMinutes(5)))
              .when(RUNNING, "source ready")
              .when(new ImageSubmitted("m-1", "R"), "accepted")
              .when(
                  new ImageSeen(image(ImageState.CREATING, 30, false)),
                  Duration.ofSeconds(2),
                  "in progress");
      // The await step started when it first became due, two seconds after the submit.
      h.whenStepTimedOutAt(Duration.ofMinutes(10).plusSeconds(2));
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATING);
      assertStepTimeout(h.saga().failure(), CreateImageSaga.AWAIT_IMAGE_USABLE);
      assertThat(h.action())
          .isEqualTo(new CloudAction.SubmitDeleteImage("cn-hangzhou", "m-1", true));
      h.when(
              failed(ErrorKind.STATE_WAIT, "ImageIsCreating"),
              Duration.ofMinutes(11),
              "retryable error")
          .whenStepTimedOutAt(Duration.ofMinutes(15).plusSeconds(2));
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATION_FAILED);
      var e = h.onlyEvent(CreateEvents.ImageCreationFailed.class);
      assertThat(e.compensation()).isEqualTo(CreateImageSaga.COMPENSATION_TIMED_OUT);
      assertThat(e.imageId()).isEqualTo("m-1");
      assertStepTimeout(e.failure(), CreateImageSaga.AWAIT_IMAGE_USABLE);
    }

    @Test
    void snapshotsThatCannotBeDeletedInTimeLeaveTheCompensationFailed() {
      var h =
          givenCreate(
                  new ImageSource.FromInstance("i-1"),
                  true,
                  Map.of(Step.DELETE_SNAPSHOTS, Duration.ofMinutes(1)))
              .when(RUNNING, "source ready")
              .when(new ImageSubmitted("m-1", "R"), "accepted")
              .when(new ImageSeen(image(ImageState.CREATE_FAILED, 30, false)), "creation failed")
              .when(new DeleteAccepted("m-1"), Duration.ofMinutes(3), "deleted, snapshots next")
              .whenStepTimedOutAt(Duration.ofMinutes(4));
      assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATION_FAILED);
      assertThat(h.onlyEvent(CreateEvents.ImageCreationFailed.class).compensation())
          .isEqualTo(CreateImageSaga.COMPENSATION_TIMED_OUT);
    }

    @Test
    void everyDeleteStepFailsWithTheStepTimeoutExceptSnapshotsOfAnImageAlreadyGone() {
      Map<Step, Duration> minute =
          Map.of(
              Step.CHECK_IMAGE,
              Duration.ofMinutes(1),
              DeleteImageSaga.SUBMIT_DELETE_IMAGE,
              Duration.ofMinutes(1),
              DeleteImageSaga.AWAIT_IMAGE_GONE,
              Duration.ofMinutes(1),
              Step.DELETE_SNAPSHOTS,
              Duration.ofMinutes(1));
      var checking =
          givenDelete(false, minute)
              .when(failed(ErrorKind.TRANSIENT, "InternalError"), "retryable error")
              .whenStepTimedOutAt(Duration.ofMinutes(1));
      assertStepTimeout(
          checking.onlyEvent(DeleteEvents.ImageDeletionFailed.class).failure(), Step.CHECK_IMAGE);
      var submitting =
          givenDelete(false, minute)
              .when(seen, "present")
              .whenStepTimedOutAt(Duration.ofMinutes(1));
      assertStepTimeout(
          submitting.onlyEvent(DeleteEvents.ImageDeletionFailed.class).failure(),
          DeleteImageSaga.SUBMIT_DELETE_IMAGE);
      var awaiting =
          givenDelete(false, minute)
              .when(seen, "present")
              .when(new DeleteAccepted("m-1"), "accepted")
              .when(seen, Duration.ofSeconds(30), "still listed")
              .whenStepTimedOutAt(Duration.ofMinutes(1).plusSeconds(2));
      assertStepTimeout(
          awaiting.onlyEvent(DeleteEvents.ImageDeletionFailed.class).failure(),
          DeleteImageSaga.AWAIT_IMAGE_GONE);
      assertThat(awaiting.saga().status()).isEqualTo(SagaStatus.FAILED);
      var snapshots =
          givenDelete(true, minute)
              .when(seen, "present")
              .when(new DeleteAccepted("m-1"), "accepted")
              .when(new ImageMissing("m-1"), Duration.ofSeconds(2), "gone, snapshots next")
              .whenStepTimedOutAt(Duration.ofMinutes(1).plusSeconds(2));
      assertThat(snapshots.saga().status())
          .as("the image is gone even if its snapshots stay")
          .isEqualTo(SagaStatus.SUCCEEDED);
      assertThat(snapshots.onlyEvent(DeleteEvents.ImageDeleted.class).deletedSnapshotIds())
          .isEmpty();
    }

    @Test
    void everyUpdateStepFailsWithTheStepTimeoutAndSaysWhatWasApplied() {
      Map<Step, Duration> minute = new java.util.TreeMap<>();
      List.of(
              Step.CHECK_IMAGE,
              UpdateImageSaga.MODIFY_IMAGE_ATTRIBUTES,
              UpdateImageSaga.TAG_IMAGE,
              UpdateImageSaga.UNTAG_IMAGE,
              UpdateImageSaga.JOIN_RESOURCE_GROUP)
          .forEach(step -> minute.put(step, Duration.ofMinutes(1)));
      var all =
          new ImageChanges(
              "cn-hangzhou",
              "m-1",
              "renamed",
              null,
              null,
              null,
              null,
              List.of(new ImageTag("k", "v")),
              List.of("old"),
              "rg-2");
      var checking = givenUpdate(all, minute).whenStepTimedOutAt(Duration.ofMinutes(1));
      assertStepTimeout(
          checking.onlyEvent(UpdateEvents.ImageUpdateFailed.class).failure(), Step.CHECK_IMAGE);
      String[] into = {
        "present, then MODIFY_IMAGE_ATTRIBUTES",
        "applied, then TAG_IMAGE",
        "applied, then UNTAG_IMAGE",
        "applied, then JOIN_RESOURCE_GROUP"
      };
      for (int depth = 1; depth <= 4; depth++) {
        var h = givenUpdate(all, minute).when(seen, into[0]);
        for (int i = 1; i < depth; i++) {
          h.when(new StepOutcome.Applied("R"), Duration.ofSeconds(10L * i), into[i]);
        }
        Step step = h.saga().step();
        h.when(
                failed(ErrorKind.THROTTLED, "Throttling"),
                Duration.ofSeconds(10L * depth),
                "retryable error")
            .whenStepTimedOutAt(
                Duration.ofSeconds(10L * (depth - 1))
                    .plusMinutes(1)
                    .plus(h.saga().quotaWait().waited()));
        var e = h.onlyEvent(UpdateEvents.ImageUpdateFailed.class);
        assertStepTimeout(e.failure(), step);
        assertThat(e.appliedChanges()).hasSize(depth - 1);
      }
    }
  }

  @Nested
  class WaitingForQuota {

    @Test
    void everyStepThatCallsEcsWaitsForItsTurnWithoutAnAttemptOrAnError() {
      for (TransitionTable table : allTables()) {
        for (Transition row : table.rows()) {
          if (!row.trigger().equals(Moves.WAITING_FOR_QUOTA)) {
            continue;
          }
          var h =
              SagaHarness.at(table.type(), row.from(), row.status())
                  .when(SagaHarness.held(Duration.ofMillis(1500)), Moves.WAITING_FOR_QUOTA);
          assertThat(h.saga().attempt()).as(row.toString()).isZero();
          assertThat(h.saga().lastError()).as(row.toString()).isNull();
          assertThat(h.saga().failure()).as(row.toString()).isNull();
          assertThat(h.saga().nextWakeAt())
              .as(row.toString())
              .isAfterOrEqualTo(T0.plusMillis(1500));
        }
      }
    }

    @Test
    void aQueuedCreateSaysWhenItsTurnIsOnceAndMovesItsDeadlinesOn() {
      var h = givenCreate().when(RUNNING, "source ready");
      Instant deadline = h.saga().deadlineAt();
      h.when(SagaHarness.held(Duration.ofSeconds(30)), Moves.WAITING_FOR_QUOTA);
      var queued = h.onlyEvent(CreateEvents.ImageCreationProgressed.class);
      assertThat(queued.phase()).isEqualTo(CreateEvents.ImageCreationProgressed.WAITING_FOR_QUOTA);
      assertThat(queued.quotaWaitUntil()).isEqualTo(T0.plusSeconds(30));
      assertThat(queued.imageId()).isEmpty();
      assertThat(h.saga().nextWakeAt()).isEqualTo(T0.plusSeconds(30));
      assertThat(h.saga().deadlineAt()).isEqualTo(deadline.plusSeconds(30));
      h.when(
          SagaHarness.held(Duration.ofSeconds(20)),
          Duration.ofSeconds(30),
          Moves.WAITING_FOR_QUOTA);
      assertThat(h.decision().events()).as("one notice per queued step").isEmpty();
      assertThat(h.saga().quotaWait().waited()).isEqualTo(Duration.ofSeconds(50));
      h.when(new ImageSubmitted("m-1", "REQ-1"), Duration.ofSeconds(50), "accepted");
      assertThat(h.saga().quotaWait())
          .as("a new step starts with no wait")
          .isEqualTo(QuotaWait.NONE);
    }

    @Test
    void aBacklogLongerThanTheStepTimeoutDoesNotTimeTheStepOut() {
      var h =
          givenCreate(
                  new ImageSource.FromInstance("i-1"),
                  false,
                  Map.of(CreateImageSaga.SUBMIT_CREATE_IMAGE, Duration.ofMinutes(10)))
              .when(RUNNING, "source ready");
      Duration queue = Duration.ofMinutes(9);
      h.when(SagaHarness.held(queue), Moves.WAITING_FOR_QUOTA)
          .when(SagaHarness.held(queue), queue, Moves.WAITING_FOR_QUOTA);
      assertThat(SagaHarness.CREATE.expire(h.saga(), T0.plus(Duration.ofMinutes(18))))
          .as("18 minutes in the queue of a step with a 10-minute timeout")
          .isEmpty();
      h.whenStepTimedOutAt(Duration.ofMinutes(28).plusSeconds(1));
    }

    @Test
    void anAwaitedImageIsLookedAtAgainWhateverTheErrorAndNeverCompensated() {
      var h =
          givenCreate()
              .when(RUNNING, "source ready")
              .when(new ImageSubmitted("m-1", "REQ-1"), "accepted");
      List<ErrorKind> kinds =
          List.of(
              ErrorKind.TRANSIENT,
              ErrorKind.OUTCOME_UNKNOWN,
              ErrorKind.THROTTLED,
              ErrorKind.PERMANENT,
              ErrorKind.NOT_FOUND);
      for (int i = 0; i < 40; i++) {
        Duration at = Duration.ofSeconds(15L * i);
        h.when(failed(kinds.get(i % kinds.size()), "InternalError"), at, "retryable error");
        assertThat(h.saga().status()).isEqualTo(SagaStatus.WAITING);
        assertThat(h.saga().nextWakeAt()).isAfter(T0.plus(at));
      }
      assertThat(h.saga().attempt()).as("counted for operators").isEqualTo(40);
      h.when(
          new ImageSeen(image(ImageState.AVAILABLE, 100, true)), Duration.ofMinutes(11), "usable");
      assertThat(h.saga().status()).isEqualTo(SagaStatus.SUCCEEDED);
    }
  }
}
