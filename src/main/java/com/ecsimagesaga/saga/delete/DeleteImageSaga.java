package com.ecsimagesaga.saga.delete;

import static com.ecsimagesaga.saga.Moves.DEADLINE_PASSED;
import static com.ecsimagesaga.saga.Moves.ERROR;
import static com.ecsimagesaga.saga.Moves.RETRYABLE_ERROR;
import static com.ecsimagesaga.saga.Moves.STEP_TIMED_OUT;
import static com.ecsimagesaga.saga.Moves.WAITING_FOR_QUOTA;
import static com.ecsimagesaga.saga.SagaStatus.FAILED;
import static com.ecsimagesaga.saga.SagaStatus.RUNNING;
import static com.ecsimagesaga.saga.SagaStatus.SUCCEEDED;
import static com.ecsimagesaga.saga.SagaStatus.WAITING;
import static com.ecsimagesaga.saga.Step.CHECK_IMAGE;
import static com.ecsimagesaga.saga.Step.DELETE_SNAPSHOTS;
import static com.ecsimagesaga.saga.Step.DONE;

import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.Decision;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.Moves;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaDefinition;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.SagaType;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.TransitionTable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Deleting an image: look at it (an image already gone counts as deleted), submit DeleteImage, wait
 * until ECS no longer lists it, then delete its snapshots if asked. ECS refuses to delete an image
 * shared with other accounts ({@code ImageUseShared}, whatever Force says): a delete with {@code
 * force} then stops sharing it with every account and submits the delete again; without it the
 * delete fails with that code.
 */
public final class DeleteImageSaga implements SagaDefinition {

  /** The type of the sagas of this kind. */
  public static final SagaType TYPE = SagaType.of("DELETE_IMAGE");

  // The steps of this kind, besides the shared ones of Step.
  public static final Step SUBMIT_DELETE_IMAGE = Step.of("SUBMIT_DELETE_IMAGE");
  public static final Step AWAIT_IMAGE_GONE = Step.of("AWAIT_IMAGE_GONE");
  public static final Step UNSHARE_IMAGE = Step.of("UNSHARE_IMAGE");

  /** What ECS answers a delete of an image shared with other accounts. */
  public static final String IMAGE_USE_SHARED = "ImageUseShared";

  public static final TransitionTable TABLE =
      TransitionTable.of(DeleteImageSaga.TYPE)
          .row(CHECK_IMAGE, "absent", DONE, SUCCEEDED)
          .row(CHECK_IMAGE, "present", SUBMIT_DELETE_IMAGE, RUNNING)
          .row(CHECK_IMAGE, RETRYABLE_ERROR, CHECK_IMAGE, WAITING)
          .row(CHECK_IMAGE, ERROR, DONE, FAILED)
          .row(CHECK_IMAGE, DEADLINE_PASSED, DONE, FAILED)
          .row(CHECK_IMAGE, STEP_TIMED_OUT, DONE, FAILED)
          .row(SUBMIT_DELETE_IMAGE, "accepted", AWAIT_IMAGE_GONE, WAITING)
          .row(SUBMIT_DELETE_IMAGE, RETRYABLE_ERROR, SUBMIT_DELETE_IMAGE, WAITING)
          .row(SUBMIT_DELETE_IMAGE, ERROR, DONE, FAILED)
          .row(SUBMIT_DELETE_IMAGE, DEADLINE_PASSED, DONE, FAILED)
          .row(SUBMIT_DELETE_IMAGE, STEP_TIMED_OUT, DONE, FAILED)
          .row(SUBMIT_DELETE_IMAGE, "shared, unshare first", UNSHARE_IMAGE, RUNNING)
          .row(UNSHARE_IMAGE, "unshared", SUBMIT_DELETE_IMAGE, RUNNING)
          .row(UNSHARE_IMAGE, RETRYABLE_ERROR, UNSHARE_IMAGE, WAITING)
          .row(UNSHARE_IMAGE, ERROR, DONE, FAILED)
          .row(UNSHARE_IMAGE, DEADLINE_PASSED, DONE, FAILED)
          .row(UNSHARE_IMAGE, STEP_TIMED_OUT, DONE, FAILED)
          .row(AWAIT_IMAGE_GONE, "still listed", AWAIT_IMAGE_GONE, WAITING)
          .row(AWAIT_IMAGE_GONE, "gone", DONE, SUCCEEDED)
          .row(AWAIT_IMAGE_GONE, "gone, snapshots next", DELETE_SNAPSHOTS, RUNNING)
          .row(AWAIT_IMAGE_GONE, RETRYABLE_ERROR, AWAIT_IMAGE_GONE, WAITING)
          .row(AWAIT_IMAGE_GONE, DEADLINE_PASSED, DONE, FAILED)
          .row(AWAIT_IMAGE_GONE, STEP_TIMED_OUT, DONE, FAILED)
          .row(DELETE_SNAPSHOTS, "deleted", DONE, SUCCEEDED)
          .row(DELETE_SNAPSHOTS, RETRYABLE_ERROR, DELETE_SNAPSHOTS, WAITING)
          .row(DELETE_SNAPSHOTS, ERROR, DONE, SUCCEEDED)
          .row(DELETE_SNAPSHOTS, STEP_TIMED_OUT, DONE, SUCCEEDED)
          .alsoOn(RETRYABLE_ERROR, WAITING_FOR_QUOTA);

  private final Moves moves;

  public DeleteImageSaga(SagaPolicies policies) {
    // The image is gone once snapshots are deleted: the saga deadline no longer ends the saga then,
    // the step's own timeout does (as a success, like a snapshot ECS refuses to delete).
    this.moves = new Moves(TABLE, policies, Set.of(DELETE_SNAPSHOTS));
  }

  /** A new delete saga, due now. */
  public static Saga start(
      UUID id,
      String commandId,
      String regionId,
      DeleteInput in,
      Instant now,
      SagaPolicies policies) {
    // A delete image makes no image, so it needs no ClientToken.
    return Saga.begin(
            id,
            DeleteImageSaga.TYPE,
            CHECK_IMAGE,
            commandId,
            regionId,
            in,
            in.imageId(),
            now,
            now.plus(policies.deleteTimeout()))
        .edit()
        .token(null, 0)
        .build();
  }

  @Override
  public TransitionTable table() {
    return TABLE;
  }

  @Override
  public CloudAction actionFor(Saga s) {
    DeleteInput in = ((DeleteInput) s.input());
    Step at = s.step();
    if (at == CHECK_IMAGE || at == AWAIT_IMAGE_GONE) {
      return new CloudAction.ObserveImage(s.regionId(), in.imageId());
    }
    if (at == SUBMIT_DELETE_IMAGE) {
      return new CloudAction.SubmitDeleteImage(s.regionId(), in.imageId(), in.force());
    }
    if (at == UNSHARE_IMAGE) {
      return new CloudAction.UnshareFromAll(s.regionId(), in.imageId());
    }
    if (at == DELETE_SNAPSHOTS) {
      return new CloudAction.DeleteSnapshots(s.regionId(), s.snapshotIds());
    }
    throw new IllegalStateException("no action for " + s.step() + " of saga " + s.id());
  }

  @Override
  public Optional<Decision> expire(Saga s, Instant now) {
    return switch (moves.expiry(s, now)) {
      case NONE -> Optional.empty();
      case SAGA ->
          Optional.of(
              fail(s, DEADLINE_PASSED, Moves.sagaTimeout(s, "the image was still listed"), now));
      case STEP ->
          Optional.of(
              s.step() == DELETE_SNAPSHOTS
                  ? deleted(s, STEP_TIMED_OUT, now, List.of())
                  : fail(s, STEP_TIMED_OUT, moves.stepTimeout(s), now));
    };
  }

  @Override
  public Decision decide(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.Failed f && s.step() == AWAIT_IMAGE_GONE) {
      // ECS accepted the delete: a failed look says nothing about the image.
      return moves.lookAgain(s, f.error(), now);
    }
    if (o instanceof StepOutcome.Failed f
        && s.step() == SUBMIT_DELETE_IMAGE
        && IMAGE_USE_SHARED.equals(f.error().code())
        && ((DeleteInput) s.input()).force()) {
      // ECS deletes no image other accounts may launch from (Force does not change that): a forced
      // delete stops sharing it first, then deletes it.
      return moves.move(s, "shared, unshare first", now);
    }
    if (o instanceof StepOutcome.Failed f) {
      return moves.retryOrFail(
          s,
          f.error(),
          now,
          failure ->
              s.step() == DELETE_SNAPSHOTS
                  ? deleted(s, ERROR, now, List.of())
                  : fail(s, ERROR, failure, now));
    }
    Step at = s.step();
    if (at == CHECK_IMAGE) {
      return o instanceof StepOutcome.ImageSeen seen
          ? moves.move(s, "present", now, b -> b.snapshotIds(seen.image().snapshotIds()), List.of())
          : deleted(s, "absent", now, List.of());
    }
    if (at == SUBMIT_DELETE_IMAGE) {
      return moves.move(s, "accepted", moves.nextPoll(s, now));
    }
    if (at == UNSHARE_IMAGE) {
      return moves.move(s, "unshared", now);
    }
    if (at == AWAIT_IMAGE_GONE) {
      return awaitGone(s, o, now);
    }
    if (at == DELETE_SNAPSHOTS) {
      return deleted(s, "deleted", now, ((StepOutcome.SnapshotsDeleted) o).deleted());
    }
    throw new IllegalStateException("saga " + s.id() + " is done");
  }

  private Decision awaitGone(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.ImageSeen) {
      return moves.move(s, "still listed", moves.nextPoll(s, now));
    }
    if (((DeleteInput) s.input()).deleteSnapshots() && !s.snapshotIds().isEmpty()) {
      return moves.move(s, "gone, snapshots next", now);
    }
    return deleted(s, "gone", now, List.of());
  }

  private Decision deleted(Saga s, String trigger, Instant now, List<String> snapshots) {
    var event =
        new DeleteEvents.ImageDeleted(
            SagaEvent.stableId(s.id(), s.version(), "ImageDeleted"),
            s.id(),
            s.commandId(),
            now,
            s.regionId(),
            ((DeleteInput) s.input()).imageId(),
            s.step() == CHECK_IMAGE,
            snapshots);
    return moves.move(s, trigger, now, b -> b, List.of(event));
  }

  private Decision fail(Saga s, String trigger, Failure failure, Instant now) {
    var event =
        new DeleteEvents.ImageDeletionFailed(
            SagaEvent.stableId(s.id(), s.version(), "ImageDeletionFailed"),
            s.id(),
            s.commandId(),
            now,
            s.regionId(),
            ((DeleteInput) s.input()).imageId(),
            failure);
    return moves.move(s, trigger, now, b -> b.failure(failure), List.of(event));
  }
}
