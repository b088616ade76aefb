package com.ecsimagesaga.saga.copy;

import static com.ecsimagesaga.saga.SagaHarness.EXERCISED;
import static com.ecsimagesaga.saga.SagaHarness.T0;
import static com.ecsimagesaga.saga.SagaHarness.failed;
import static com.ecsimagesaga.saga.SagaHarness.givenKind;
import static com.ecsimagesaga.saga.SagaHarness.held;
import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageState;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.Moves;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.SagaHarness;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.Transition;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.share.ShareEvents;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The copy saga, decision by decision on a fixed clock; fails when a row of its table is exercised
 * by no test.
 */
class CopyImageSagaTest {

  static final CopyImageKind KIND = new CopyImageKind();
  static final String ACCOUNT = "1234567890123456";

  @AfterAll
  static void everyRowOfTheCopyTableIsExercised() {
    assertThat(EXERCISED)
        .as("copy transitions no test exercised")
        .containsAll(CopyImageSaga.TABLE.rows());
  }

  static CopyImageCommand command(List<String> shareWith, Integer timeoutSeconds) {
    return new CopyImageCommand(
        "cmd-copy",
        T0,
        "cn-hangzhou",
        "m-source",
        List.of(
            new CopyDestination(
                "cn-beijing", "web-copy", null, true, "key-1", List.of(new ImageTag("t", "v")))),
        shareWith,
        timeoutSeconds);
  }

  static SagaHarness copy() {
    return givenKind(KIND, command(List.of(), null));
  }

  static SagaHarness accepted(List<String> shareWith, Integer timeoutSeconds) {
    return givenKind(KIND, command(shareWith, timeoutSeconds))
        .when(new StepOutcome.ImageSubmitted("m-copy", "R"), "accepted");
  }

  static StepOutcome.ImageSeen seen(ImageState state, int progress, boolean usable) {
    return new StepOutcome.ImageSeen(
        new ImageObservation("m-copy", "web-copy", state, progress, usable, List.of()));
  }

  @Test
  void oneCommandStartsASagaPerDestinationEachWithItsOwnIdAndToken() {
    var c =
        new CopyImageCommand(
            "cmd-many",
            T0,
            "cn-hangzhou",
            "m-source",
            List.of(
                new CopyDestination("cn-beijing", null, null, false, null, List.of()),
                new CopyDestination("cn-shanghai", null, null, false, null, List.of())),
            List.of(),
            null);
    var sagas = KIND.start(c, T0, SagaHarness.POLICIES);
    assertThat(sagas).extracting(s -> s.regionId()).containsExactly("cn-beijing", "cn-shanghai");
    assertThat(sagas)
        .extracting(s -> s.commandId())
        .containsExactly("cmd-many/copy/cn-beijing", "cmd-many/copy/cn-shanghai");
    assertThat(sagas.get(0).id()).isNotEqualTo(sagas.get(1).id());
    assertThat(sagas.get(0).clientToken()).isNotEqualTo(sagas.get(1).clientToken());
    assertThat(sagas).allMatch(s -> s.type() == CopyImageSaga.TYPE);
    assertThat(KIND.start(c, T0, SagaHarness.POLICIES))
        .as("the same command gives the same sagas")
        .extracting(s -> s.id())
        .containsExactly(sagas.get(0).id(), sagas.get(1).id());
  }

  @Test
  void copyImageIsCalledInTheSourceRegionWithTheTokenAndTheSagaTag() {
    var h = copy();
    var call = (CloudAction.CopyImage) h.action();
    assertThat(call.regionId()).isEqualTo("cn-hangzhou");
    assertThat(call.imageId()).isEqualTo("m-source");
    assertThat(call.destinationRegionId()).isEqualTo("cn-beijing");
    assertThat(call.encrypted()).isTrue();
    assertThat(call.kmsKeyId()).isEqualTo("key-1");
    assertThat(call.clientToken()).isEqualTo(h.saga().clientToken()).isNotBlank();
    assertThat(call.tags())
        .contains(new ImageTag("t", "v"))
        .contains(new ImageTag(CreateImageSaga.SAGA_TAG, h.saga().id().toString()));
    h.when(new StepOutcome.ImageSubmitted("m-copy", "R"), "accepted");
    assertThat(h.saga().imageId()).isEqualTo("m-copy");
    var look = (CloudAction.ObserveImage) h.action();
    assertThat(look.regionId()).as("the copy is watched where it is made").isEqualTo("cn-beijing");
    assertThat(look.ownSince()).as("by the batched listing of own images").isEqualTo(T0);
  }

  @Test
  void aRetryKeepsTheTokenAndARefusedTokenIsReplaced() {
    var h = copy();
    String token = h.saga().clientToken();
    h.when(failed(ErrorKind.TRANSIENT, "InternalError"), Moves.RETRYABLE_ERROR);
    assertThat(h.saga().clientToken()).isEqualTo(token);
    assertThat(h.saga().nextWakeAt()).isAfter(T0);
    h.when(failed(ErrorKind.IDEMPOTENCY_FAILED, "IdempotentFailed"), "token refused");
    assertThat(h.saga().clientToken()).isNotEqualTo(token);
  }

  @Test
  void aRefusedCopyFailsWithNothingToUndoAndTheUsersCommandId() {
    var h = copy().when(failed(ErrorKind.PERMANENT, "InvalidRegionId.NotFound"), Moves.ERROR);
    var e = h.onlyEvent(CopyEvents.ImageCopyFailed.class);
    assertThat(e.commandId()).isEqualTo("cmd-copy");
    assertThat(e.compensation()).isEqualTo("NOT_NEEDED");
    assertThat(e.failure().code()).isEqualTo("InvalidRegionId.NotFound");
    assertThat(e.regionId()).isEqualTo("cn-beijing");
    assertThat(h.saga().status()).isEqualTo(SagaStatus.FAILED);
  }

  @Test
  void aSubmissionPastTheDeadlineOrItsStepTimeoutFails() {
    givenKind(KIND, command(List.of(), 60)).whenExpiredAt(Duration.ofSeconds(61));
    copy().whenStepTimedOutAt(Duration.ofMinutes(11));
  }

  @Test
  void aLostAnswerThenGivingUpLooksForTheCopyByTheSagaTagAndCancelsIt() {
    var h =
        copy()
            .when(failed(ErrorKind.OUTCOME_UNKNOWN, "SDK.ReadTimeout"), Moves.RETRYABLE_ERROR)
            .when(failed(ErrorKind.PERMANENT, "QuotaExceed.Image"), CopyImageSaga.OUTCOME_UNKNOWN);
    assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATING);
    var find = (CloudAction.FindImageBySagaTag) h.action();
    assertThat(find.regionId()).isEqualTo("cn-beijing");
    assertThat(find.sagaId()).isEqualTo(h.saga().id());
    h.when(failed(ErrorKind.TRANSIENT, "InternalError"), Moves.RETRYABLE_ERROR)
        .when(new StepOutcome.ImageMissing(null), "not listed yet")
        .when(seen(ImageState.CREATING, 5, false), "found");
    assertThat(h.action()).isEqualTo(new CloudAction.CancelCopyImage("cn-beijing", "m-copy"));
    h.when(new StepOutcome.Applied("R"), "cancelled");
    var e = h.onlyEvent(CopyEvents.ImageCopyFailed.class);
    assertThat(e.compensation()).isEqualTo("COMPENSATED");
    assertThat(e.failure().code()).isEqualTo("QuotaExceed.Image");
    assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATED);
  }

  @Test
  void aCopyNeverListedAfterALostAnswerWasNeverMade() {
    var h =
        copy()
            .when(failed(ErrorKind.OUTCOME_UNKNOWN, "SDK.ReadTimeout"), Moves.RETRYABLE_ERROR)
            .whenExpiresAt(Duration.ofMinutes(11), CopyImageSaga.OUTCOME_UNKNOWN);
    assertThat(h.saga().step()).isEqualTo(Step.FIND_SUBMITTED_IMAGE);
    h.when(new StepOutcome.ImageMissing(null), "not listed yet")
        .when(new StepOutcome.ImageMissing(null), "not listed yet")
        .when(new StepOutcome.ImageMissing(null), "never made");
    assertThat(h.onlyEvent(CopyEvents.ImageCopyFailed.class).compensation())
        .isEqualTo("NOT_NEEDED");
    assertThat(h.saga().status()).isEqualTo(SagaStatus.FAILED);
  }

  @Test
  void lookingForALostCopyEndsForAnOperatorWhenItCannot() {
    var lost =
        copy()
            .when(failed(ErrorKind.OUTCOME_UNKNOWN, "SDK.ReadTimeout"), Moves.RETRYABLE_ERROR)
            .when(failed(ErrorKind.PERMANENT, "Forbidden"), CopyImageSaga.OUTCOME_UNKNOWN);
    lost.when(failed(ErrorKind.PERMANENT, "Forbidden.RAM"), Moves.ERROR);
    assertThat(lost.saga().status()).isEqualTo(SagaStatus.COMPENSATION_FAILED);
    assertThat(lost.onlyEvent(CopyEvents.ImageCopyFailed.class).compensation())
        .isEqualTo("COMPENSATION_FAILED");
    copy()
        .when(failed(ErrorKind.OUTCOME_UNKNOWN, "SDK.ReadTimeout"), Moves.RETRYABLE_ERROR)
        .when(failed(ErrorKind.PERMANENT, "Forbidden"), CopyImageSaga.OUTCOME_UNKNOWN)
        .whenStepTimedOutAt(Duration.ofDays(2));
  }

  @Test
  void theCopyIsWatchedUntilUsableWithProgressEveryTenPercent() {
    var h =
        accepted(List.of(), null)
            .when(new StepOutcome.ImageMissing("m-copy"), "not visible yet")
            .when(failed(ErrorKind.THROTTLED, "Throttling"), Moves.RETRYABLE_ERROR)
            .when(seen(ImageState.CREATING, 35, false), Duration.ofSeconds(30), "in progress");
    var p = h.onlyEvent(CopyEvents.ImageCopyProgressed.class);
    assertThat(p.progress()).isEqualTo(35);
    assertThat(p.sourceImageId()).isEqualTo("m-source");
    h.when(seen(ImageState.CREATING, 38, false), Duration.ofSeconds(40), "in progress");
    assertThat(h.decision().events()).isEmpty();
    h.when(seen(ImageState.AVAILABLE, 100, true), Duration.ofMinutes(5), "usable");
    var done = h.onlyEvent(CopyEvents.ImageCopied.class);
    assertThat(done.imageId()).isEqualTo("m-copy");
    assertThat(done.regionId()).isEqualTo("cn-beijing");
    assertThat(done.usable()).isTrue();
    assertThat(done.commandId()).isEqualTo("cmd-copy");
    assertThat(h.saga().status()).isEqualTo(SagaStatus.SUCCEEDED);
  }

  @Test
  void aCopyThatIsNotYetUsableIsNotDone() {
    accepted(List.of(), null)
        .when(seen(ImageState.AVAILABLE, 100, false), "in progress")
        .when(seen(ImageState.AVAILABLE, 100, true), "usable");
  }

  @Test
  void aUsableCopyIsSharedWithTheAccountsAsked() {
    var h =
        accepted(List.of(ACCOUNT), null)
            .when(seen(ImageState.AVAILABLE, 100, true), "usable, share next");
    assertThat(h.onlyEvent(CopyEvents.ImageCopied.class).imageId()).isEqualTo("m-copy");
    assertThat(h.action())
        .isEqualTo(
            new CloudAction.ModifyImageSharePermission(
                "cn-beijing", "m-copy", List.of(ACCOUNT), List.of()));
    h.when(failed(ErrorKind.TRANSIENT, "InternalError"), Moves.RETRYABLE_ERROR)
        .when(new StepOutcome.Applied("R"), "shared");
    var shared = h.onlyEvent(ShareEvents.ImageShared.class);
    assertThat(shared.imageId()).isEqualTo("m-copy");
    assertThat(shared.addedAccounts()).containsExactly(ACCOUNT);
    assertThat(h.saga().status()).isEqualTo(SagaStatus.SUCCEEDED);
  }

  @Test
  void aShareRefusedOrTooSlowFailsTheSagaButKeepsTheCopy() {
    var refused =
        accepted(List.of(ACCOUNT), null)
            .when(seen(ImageState.AVAILABLE, 100, true), "usable, share next")
            .when(failed(ErrorKind.PERMANENT, "InvalidAccount.NotFound"), Moves.ERROR);
    assertThat(refused.onlyEvent(ShareEvents.ImageShareFailed.class).failure().code())
        .isEqualTo("InvalidAccount.NotFound");
    assertThat(refused.saga().status()).isEqualTo(SagaStatus.FAILED);
    assertThat(refused.saga().imageId()).isEqualTo("m-copy");
    accepted(List.of(ACCOUNT), null)
        .when(seen(ImageState.AVAILABLE, 100, true), Duration.ofMinutes(1), "usable, share next")
        .whenStepTimedOutAt(Duration.ofMinutes(12));
  }

  @Test
  void aFailedCopyIsDeleted() {
    var h =
        accepted(List.of(), null).when(seen(ImageState.CREATE_FAILED, 60, false), "copy failed");
    assertThat(h.saga().failure().kind()).isEqualTo("IMAGE_COPY_FAILED");
    assertThat(h.action())
        .isEqualTo(new CloudAction.SubmitDeleteImage("cn-beijing", "m-copy", false));
    h.when(failed(ErrorKind.TRANSIENT, "InternalError"), Moves.RETRYABLE_ERROR)
        .when(new StepOutcome.DeleteAccepted("m-copy"), "deleted");
    assertThat(h.onlyEvent(CopyEvents.ImageCopyFailed.class).compensation())
        .isEqualTo("COMPENSATED");
    accepted(List.of(), null)
        .when(seen(ImageState.CREATE_FAILED, 60, false), "copy failed")
        .when(failed(ErrorKind.PERMANENT, "Forbidden"), Moves.ERROR);
    accepted(List.of(), null)
        .when(seen(ImageState.CREATE_FAILED, 60, false), "copy failed")
        .whenStepTimedOutAt(Duration.ofDays(2));
  }

  @Test
  void aCopyPastItsDeadlineIsCancelledOrDeletedWhenItFinishedMeanwhile() {
    var h = accepted(List.of(), 60).whenExpiredAt(Duration.ofSeconds(61));
    assertThat(h.saga().step()).isEqualTo(CopyImageSaga.CANCEL_COPY_IMAGE);
    h.when(failed(ErrorKind.TRANSIENT, "InternalError"), Moves.RETRYABLE_ERROR)
        .when(failed(ErrorKind.PERMANENT, "IncorrectImageStatus"), "finished before cancel")
        .when(new StepOutcome.DeleteAccepted("m-copy"), "deleted");
    assertThat(h.saga().status()).isEqualTo(SagaStatus.COMPENSATED);
    var refused =
        accepted(List.of(), 60)
            .whenExpiredAt(Duration.ofSeconds(61))
            .when(failed(ErrorKind.PERMANENT, "CancelNotSupported"), Moves.ERROR);
    assertThat(refused.saga().status()).isEqualTo(SagaStatus.COMPENSATION_FAILED);
    accepted(List.of(), 60)
        .whenExpiredAt(Duration.ofSeconds(61))
        .whenStepTimedOutAt(Duration.ofMinutes(32));
  }

  @Test
  void aCommandBreakingEveryRuleOfItsOwnGetsEachOnceAndOnlyListedRules() {
    var bad =
        new CopyImageCommand(
            "",
            T0,
            "Hangzhou",
            "image-1",
            java.util.stream.Stream.concat(
                    java.util.stream.IntStream.range(0, 31)
                        .mapToObj(
                            i ->
                                new CopyDestination(
                                    "cn-beijing", null, null, false, "k", List.of())),
                    java.util.stream.Stream.empty())
                .toList(),
            java.util.stream.IntStream.range(0, 11).mapToObj(i -> "1").toList(),
            10);
    var rules =
        KIND.check(bad).stream().map(com.ecsimagesaga.command.Violation::rule).distinct().toList();
    assertThat(rules)
        .contains(
            "command-id.required",
            "region-id.format",
            "image-id.format",
            "destinations.too-many",
            "kms-key.without-encryption",
            "destination.duplicate",
            "accounts.too-many",
            "timeout.range");
    assertThat(rules)
        .allMatch(
            r ->
                KIND.ruleIds().contains(r)
                    || com.ecsimagesaga.command.RuleIds.VALIDATION.contains(r));
    assertThat(KIND.check(command(List.of(ACCOUNT), 3600))).isEmpty();
    var home =
        new CopyImageCommand(
            "c-1",
            T0,
            "cn-hangzhou",
            "m-1",
            List.of(new CopyDestination("cn-hangzhou", null, null, false, null, List.of())),
            List.of(),
            null);
    var nowhere = new CopyImageCommand("c-1", T0, "cn-hangzhou", "m-1", List.of(), List.of(), null);
    assertThat(KIND.check(nowhere))
        .extracting(com.ecsimagesaga.command.Violation::rule)
        .containsExactly("destinations.required");
    assertThat(KIND.check(home))
        .extracting(com.ecsimagesaga.command.Violation::rule)
        .containsExactly("destination.same-as-source");
  }

  @Test
  void aReplayedCopyRunsFromTheRightStepWithANewTokenOnlyWhenItsCopyIsGone() {
    var refused = copy().when(failed(ErrorKind.PERMANENT, "QuotaExceed.Image"), Moves.ERROR).saga();
    var resumed =
        Replay.plan(
            KindRegistry.kinds(),
            refused,
            Replay.Mode.RESUME,
            Optional.empty(),
            T0.plusSeconds(60));
    assertThat(resumed.next().step()).isEqualTo(CopyImageSaga.SUBMIT_COPY_IMAGE);
    assertThat(resumed.next().status()).isEqualTo(SagaStatus.RUNNING);
    assertThat(resumed.next().clientToken()).isEqualTo(refused.clientToken());

    var removed =
        accepted(List.of(), null)
            .when(seen(ImageState.CREATE_FAILED, 60, false), "copy failed")
            .when(new StepOutcome.DeleteAccepted("m-copy"), "deleted")
            .saga();
    var again =
        Replay.plan(
                KindRegistry.kinds(),
                removed,
                Replay.Mode.RESUME,
                Optional.empty(),
                T0.plusSeconds(60))
            .next();
    assertThat(again.step()).isEqualTo(CopyImageSaga.SUBMIT_COPY_IMAGE);
    assertThat(again.imageId()).isNull();
    assertThat(again.clientToken()).isNotEqualTo(removed.clientToken());

    var notShared =
        accepted(List.of(ACCOUNT), null)
            .when(seen(ImageState.AVAILABLE, 100, true), "usable, share next")
            .when(failed(ErrorKind.PERMANENT, "InvalidAccount.NotFound"), Moves.ERROR)
            .saga();
    assertThat(
            Replay.plan(KindRegistry.kinds(), notShared, Replay.Mode.RESUME, Optional.empty(), T0)
                .next()
                .step())
        .isEqualTo(CopyImageSaga.SHARE_COPY);
    assertThat(
            Replay.plan(KindRegistry.kinds(), notShared, Replay.Mode.RESTART, Optional.empty(), T0)
                .next()
                .step())
        .isEqualTo(CopyImageSaga.SUBMIT_COPY_IMAGE);

    var stuck =
        accepted(List.of(), 60)
            .whenExpiredAt(Duration.ofSeconds(61))
            .when(failed(ErrorKind.PERMANENT, "CancelNotSupported"), Moves.ERROR)
            .saga();
    var cancelAgain =
        Replay.plan(KindRegistry.kinds(), stuck, Replay.Mode.RESUME, Optional.empty(), T0).next();
    assertThat(cancelAgain.step()).isEqualTo(CopyImageSaga.CANCEL_COPY_IMAGE);
    assertThat(cancelAgain.imageId()).isEqualTo("m-copy");
  }

  @Test
  void everyStepThatCallsEcsWaitsForQuotaWithoutSpendingAnAttempt() {
    for (Transition row : CopyImageSaga.TABLE.rows()) {
      if (!row.trigger().equals(Moves.WAITING_FOR_QUOTA)) {
        continue;
      }
      var h =
          SagaHarness.at(CopyImageSaga.TYPE, row.from(), row.status())
              .when(held(Duration.ofSeconds(2)), Moves.WAITING_FOR_QUOTA);
      assertThat(h.saga().attempt()).as(row.toString()).isZero();
      assertThat(h.saga().nextWakeAt()).as(row.toString()).isAfterOrEqualTo(T0.plusSeconds(2));
    }
  }
}
