package com.ecsimagesaga.saga.create;

import static com.ecsimagesaga.saga.Moves.ERROR;
import static com.ecsimagesaga.saga.Moves.RETRYABLE_ERROR;
import static com.ecsimagesaga.saga.create.CreateImageSaga.SUBMIT_CREATE_IMAGE;

import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.Decision;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.Moves;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.StepOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The compensating steps of {@link CreateImageSaga}: finding an image a lost CreateImage may have
 * made (FIND_SUBMITTED_IMAGE), deleting the half-made image (COMPENSATE_DELETE_IMAGE) and, if the
 * command asked, its snapshots (DELETE_SNAPSHOTS). Each ends with one ImageCreationFailed that
 * carries the original failure and how the compensation ended.
 */
final class CreateCompensation {

  /** Ends a create saga with nothing to compensate. */
  interface NotNeeded {
    Decision fail(Saga s, String trigger, Failure failure, Instant now);
  }

  private final Moves moves;
  private final NotNeeded notNeeded;

  CreateCompensation(Moves moves, NotNeeded notNeeded) {
    this.moves = moves;
    this.notNeeded = notNeeded;
  }

  /**
   * The answer of a look by the saga tag. A found image is compensated like one that never became
   * usable, and afterwards the saga looks once more, past the image it deleted: a saga whose token
   * was renewed may have made more than one. Nothing found after {@link
   * CreateImageSaga#SUBMITTED_IMAGE_LOOKS} looks ends the saga with nothing to compensate; nothing
   * more found after a deletion ends the compensation. Errors are retried until the step's own
   * timeout: giving up would leak the image. {@code attempt} counts the empty looks.
   */
  Decision lookedForSubmitted(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.ImageSeen seen) {
      var img = seen.image();
      var snapshots = new ArrayList<>(s.snapshotIds());
      img.snapshotIds().stream().filter(id -> !snapshots.contains(id)).forEach(snapshots::add);
      return moves.move(
          s, "found", now, b -> b.imageId(img.imageId()).snapshotIds(snapshots), List.of());
    }
    var transientErrors = moves.policies().transientErrors();
    if (o instanceof StepOutcome.ImageMissing && s.imageId() != null) {
      // The look after a deletion: the image that was found is gone and no other is listed.
      if (((CreateInput) s.input()).deleteSnapshotsOnFailure() && !s.snapshotIds().isEmpty()) {
        return moves.move(s, "no more, snapshots next", now);
      }
      return finish(s, "no more", "COMPENSATED", now);
    }
    if (o instanceof StepOutcome.ImageMissing) {
      int looked = s.attempt() + 1;
      if (looked >= CreateImageSaga.SUBMITTED_IMAGE_LOOKS) {
        return notNeeded.fail(s, "never made", s.failure(), now);
      }
      Duration delay = transientErrors.nextDelay(looked, Moves.unitRandom(s, looked));
      return moves.move(
          s, "not listed yet", now.plus(delay), b -> b.attempt(looked).lastError(null), List.of());
    }
    CloudError e = ((StepOutcome.Failed) o).error();
    if (e.kind() == ErrorKind.HELD) {
      return moves.retryOrFail(s, e, now, f -> finish(s, ERROR, "COMPENSATION_FAILED", now));
    }
    if (!e.isRetryable()) {
      return finish(s, ERROR, "COMPENSATION_FAILED", now);
    }
    int next = s.attempt() + 1;
    Duration delay =
        moves
            .policies()
            .retryFor(e.kind())
            .nextDelay(next, Moves.unitRandom(s, next), e.retryAfter());
    return moves.move(s, RETRYABLE_ERROR, now.plus(delay), b -> b.lastError(e), List.of());
  }

  Decision compensated(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.DeleteAccepted || o instanceof StepOutcome.ImageMissing) {
      if (foundByTag(s)) {
        return moves.move(s, "deleted, look for more", now);
      }
      if (((CreateInput) s.input()).deleteSnapshotsOnFailure() && !s.snapshotIds().isEmpty()) {
        return moves.move(s, "deleted, snapshots next", now);
      }
      return finish(s, "deleted", "COMPENSATED", now);
    }
    CloudError e = ((StepOutcome.Failed) o).error();
    return moves.retryOrFail(s, e, now, f -> finish(s, ERROR, "COMPENSATION_FAILED", now));
  }

  /**
   * Whether the image being compensated was found by the saga tag after the submission gave up (the
   * failure is the submission's) rather than accepted by CreateImage.
   */
  private static boolean foundByTag(Saga s) {
    return s.failure() != null && s.failure().step() == SUBMIT_CREATE_IMAGE;
  }

  Decision snapshotsDeleted(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.SnapshotsDeleted d && d.failed().isEmpty()) {
      return finish(s, "deleted", "COMPENSATED", now);
    }
    if (o instanceof StepOutcome.Failed f) {
      return moves.retryOrFail(
          s, f.error(), now, x -> finish(s, ERROR, "COMPENSATION_FAILED", now));
    }
    return finish(s, ERROR, "COMPENSATION_FAILED", now);
  }

  Decision finish(Saga s, String trigger, String compensation, Instant now) {
    return moves.move(s, trigger, now, b -> b, List.of(failed(s, s.failure(), compensation, now)));
  }

  /** The one event a failed create saga ends with: its failure and how compensation ended. */
  static CreateEvents.ImageCreationFailed failed(
      Saga s, Failure failure, String compensation, Instant now) {
    return new CreateEvents.ImageCreationFailed(
        SagaEvent.stableId(s.id(), s.version(), "ImageCreationFailed"),
        s.id(),
        s.commandId(),
        now,
        s.regionId(),
        s.imageId(),
        failure,
        compensation);
  }
}
