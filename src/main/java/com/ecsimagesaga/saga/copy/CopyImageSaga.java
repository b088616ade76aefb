package com.ecsimagesaga.saga.copy;

import static com.ecsimagesaga.saga.Moves.DEADLINE_PASSED;
import static com.ecsimagesaga.saga.Moves.ERROR;
import static com.ecsimagesaga.saga.Moves.RETRYABLE_ERROR;
import static com.ecsimagesaga.saga.Moves.STEP_TIMED_OUT;
import static com.ecsimagesaga.saga.Moves.WAITING_FOR_QUOTA;
import static com.ecsimagesaga.saga.SagaStatus.COMPENSATED;
import static com.ecsimagesaga.saga.SagaStatus.COMPENSATING;
import static com.ecsimagesaga.saga.SagaStatus.COMPENSATION_FAILED;
import static com.ecsimagesaga.saga.SagaStatus.FAILED;
import static com.ecsimagesaga.saga.SagaStatus.RUNNING;
import static com.ecsimagesaga.saga.SagaStatus.SUCCEEDED;
import static com.ecsimagesaga.saga.SagaStatus.WAITING;
import static com.ecsimagesaga.saga.Step.COMPENSATE_DELETE_IMAGE;
import static com.ecsimagesaga.saga.Step.DONE;
import static com.ecsimagesaga.saga.Step.FIND_SUBMITTED_IMAGE;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.Decision;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.ImageWatch;
import com.ecsimagesaga.saga.Moves;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaDefinition;
import com.ecsimagesaga.saga.SagaEvent;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.SagaType;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepOutcome;
import com.ecsimagesaga.saga.TransitionTable;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.saga.share.ShareEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Copying an image to one destination region: CopyImage with the saga's ClientToken (the copy
 * carries the saga tag), wait in the destination region until the copy is usable, then share it if
 * asked. A copy that fails or runs out of time is cancelled while ECS is still making it, or
 * deleted once made; a CopyImage whose answer was lost and then given up on is looked for by the
 * saga tag and cancelled.
 */
public final class CopyImageSaga implements SagaDefinition {

  /** The type of the sagas of this kind. */
  public static final SagaType TYPE = SagaType.of("COPY_IMAGE");

  // The steps of this kind, besides the shared ones of Step.
  public static final Step SUBMIT_COPY_IMAGE = Step.of("SUBMIT_COPY_IMAGE");
  public static final Step AWAIT_COPY_USABLE = Step.of("AWAIT_COPY_USABLE");
  public static final Step SHARE_COPY = Step.of("SHARE_COPY");
  public static final Step CANCEL_COPY_IMAGE = Step.of("CANCEL_COPY_IMAGE");

  static final String OUTCOME_UNKNOWN = Moves.SUBMIT_OUTCOME_UNKNOWN;

  /** How many empty looks by the saga tag prove ECS never made the copy. */
  static final int SUBMITTED_COPY_LOOKS = 3;

  static final TransitionTable TABLE =
      TransitionTable.of(CopyImageSaga.TYPE)
          .row(SUBMIT_COPY_IMAGE, "accepted", AWAIT_COPY_USABLE, WAITING)
          .row(SUBMIT_COPY_IMAGE, Moves.TOKEN_REFUSED, SUBMIT_COPY_IMAGE, RUNNING)
          .row(SUBMIT_COPY_IMAGE, RETRYABLE_ERROR, SUBMIT_COPY_IMAGE, WAITING)
          .row(SUBMIT_COPY_IMAGE, ERROR, DONE, FAILED)
          .row(SUBMIT_COPY_IMAGE, DEADLINE_PASSED, DONE, FAILED)
          .row(SUBMIT_COPY_IMAGE, STEP_TIMED_OUT, DONE, FAILED)
          .row(SUBMIT_COPY_IMAGE, Moves.SUBMIT_OUTCOME_UNKNOWN, FIND_SUBMITTED_IMAGE, COMPENSATING)
          .row(FIND_SUBMITTED_IMAGE, "found", CANCEL_COPY_IMAGE, COMPENSATING)
          .row(FIND_SUBMITTED_IMAGE, "not listed yet", FIND_SUBMITTED_IMAGE, COMPENSATING)
          .row(FIND_SUBMITTED_IMAGE, "never made", DONE, FAILED)
          .row(FIND_SUBMITTED_IMAGE, RETRYABLE_ERROR, FIND_SUBMITTED_IMAGE, COMPENSATING)
          .row(FIND_SUBMITTED_IMAGE, ERROR, DONE, COMPENSATION_FAILED)
          .row(FIND_SUBMITTED_IMAGE, STEP_TIMED_OUT, DONE, COMPENSATION_FAILED)
          .row(AWAIT_COPY_USABLE, "in progress", AWAIT_COPY_USABLE, WAITING)
          .row(AWAIT_COPY_USABLE, "not visible yet", AWAIT_COPY_USABLE, WAITING)
          .row(AWAIT_COPY_USABLE, "usable", DONE, SUCCEEDED)
          .row(AWAIT_COPY_USABLE, "usable, share next", SHARE_COPY, RUNNING)
          .row(AWAIT_COPY_USABLE, "copy failed", COMPENSATE_DELETE_IMAGE, COMPENSATING)
          .row(AWAIT_COPY_USABLE, RETRYABLE_ERROR, AWAIT_COPY_USABLE, WAITING)
          .row(AWAIT_COPY_USABLE, DEADLINE_PASSED, CANCEL_COPY_IMAGE, COMPENSATING)
          .row(SHARE_COPY, "shared", DONE, SUCCEEDED)
          .row(SHARE_COPY, RETRYABLE_ERROR, SHARE_COPY, WAITING)
          .row(SHARE_COPY, ERROR, DONE, FAILED)
          .row(SHARE_COPY, STEP_TIMED_OUT, DONE, FAILED)
          .row(CANCEL_COPY_IMAGE, "cancelled", DONE, COMPENSATED)
          .row(CANCEL_COPY_IMAGE, "finished before cancel", COMPENSATE_DELETE_IMAGE, COMPENSATING)
          .row(CANCEL_COPY_IMAGE, RETRYABLE_ERROR, CANCEL_COPY_IMAGE, COMPENSATING)
          .row(CANCEL_COPY_IMAGE, ERROR, DONE, COMPENSATION_FAILED)
          .row(CANCEL_COPY_IMAGE, STEP_TIMED_OUT, DONE, COMPENSATION_FAILED)
          .row(COMPENSATE_DELETE_IMAGE, "deleted", DONE, COMPENSATED)
          .row(COMPENSATE_DELETE_IMAGE, RETRYABLE_ERROR, COMPENSATE_DELETE_IMAGE, COMPENSATING)
          .row(COMPENSATE_DELETE_IMAGE, ERROR, DONE, COMPENSATION_FAILED)
          .row(COMPENSATE_DELETE_IMAGE, STEP_TIMED_OUT, DONE, COMPENSATION_FAILED)
          .alsoOn(RETRYABLE_ERROR, WAITING_FOR_QUOTA);

  private static final ImageWatch.Watch WATCH =
      new ImageWatch.Watch("IMAGE_COPY_FAILED", "copy failed", CopyImageSaga::progressed);

  private final Moves moves;

  public CopyImageSaga(SagaPolicies policies) {
    // Undoing a copy and sharing a finished one are not ended by the saga's deadline (that would
    // leak the copy, or throw away a copy that is made); their own step timeouts end them.
    this.moves =
        new Moves(
            TABLE,
            policies,
            Set.of(FIND_SUBMITTED_IMAGE, CANCEL_COPY_IMAGE, COMPENSATE_DELETE_IMAGE, SHARE_COPY));
  }

  @Override
  public TransitionTable table() {
    return TABLE;
  }

  @Override
  public CloudAction actionFor(Saga s) {
    CopyInput in = (CopyInput) s.input();
    CopyDestination d = in.destination();
    Step at = s.step();
    if (at == SUBMIT_COPY_IMAGE) {
      return copyImage(s, in, d);
    }
    if (at == FIND_SUBMITTED_IMAGE) {
      return new CloudAction.FindImageBySagaTag(s.regionId(), s.id(), null);
    }
    if (at == AWAIT_COPY_USABLE) {
      return new CloudAction.ObserveImage(s.regionId(), s.imageId(), s.createdAt());
    }
    if (at == SHARE_COPY) {
      return new CloudAction.ModifyImageSharePermission(
          s.regionId(), s.imageId(), in.shareWith(), List.of());
    }
    if (at == CANCEL_COPY_IMAGE) {
      return new CloudAction.CancelCopyImage(s.regionId(), s.imageId());
    }
    if (at == COMPENSATE_DELETE_IMAGE) {
      return new CloudAction.SubmitDeleteImage(s.regionId(), s.imageId(), false);
    }
    throw new IllegalStateException("no action for " + s.step() + " of saga " + s.id());
  }

  private static CloudAction copyImage(Saga s, CopyInput in, CopyDestination d) {
    List<ImageTag> tags = new ArrayList<>(d.tags());
    tags.add(new ImageTag(CreateImageSaga.SAGA_TAG, s.id().toString()));
    return new CloudAction.CopyImage(
        in.sourceRegionId(),
        in.sourceImageId(),
        d.regionId(),
        d.imageName(),
        d.description(),
        d.encrypted(),
        d.kmsKeyId(),
        tags,
        s.clientToken());
  }

  @Override
  public Optional<Decision> expire(Saga s, Instant now) {
    return switch (moves.expiry(s, now)) {
      case NONE -> Optional.empty();
      case SAGA -> Optional.of(outOfTime(s, DEADLINE_PASSED, deadlinePassed(s), now));
      case STEP -> Optional.of(outOfTime(s, STEP_TIMED_OUT, moves.stepTimeout(s), now));
    };
  }

  private static Failure deadlinePassed(Saga s) {
    return Moves.sagaTimeout(s, "the copy was not usable");
  }

  private Decision outOfTime(Saga s, String trigger, Failure failure, Instant now) {
    // The wait is bounded by the copy's timeout twice over (the step's and the saga's, which
    // started earlier): the saga's deadline always comes first.
    Step at = s.step();
    if (at == SUBMIT_COPY_IMAGE) {
      return giveUpSubmitting(s, trigger, failure, now);
    }
    if (at == AWAIT_COPY_USABLE) {
      return moves.move(s, DEADLINE_PASSED, now, b -> b.failure(failure), List.of());
    }
    if (at == SHARE_COPY) {
      return shareFailed(s, trigger, failure, now);
    }
    return compensationFailed(s, trigger, failure, now);
  }

  @Override
  public Decision decide(Saga s, StepOutcome o, Instant now) {
    Step at = s.step();
    if (at == SUBMIT_COPY_IMAGE) {
      return submitted(s, o, now);
    }
    if (at == FIND_SUBMITTED_IMAGE) {
      return lookedForCopy(s, o, now);
    }
    if (at == AWAIT_COPY_USABLE) {
      return observed(s, o, now);
    }
    if (at == SHARE_COPY) {
      return sharedCopy(s, o, now);
    }
    if (at == CANCEL_COPY_IMAGE) {
      return cancelled(s, o, now);
    }
    if (at == COMPENSATE_DELETE_IMAGE) {
      return deleted(s, o, now);
    }
    throw new IllegalStateException("saga " + s.id() + " is done");
  }

  private Decision submitted(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.ImageSubmitted ok) {
      return moves.move(
          s, "accepted", moves.nextPoll(s, now), b -> b.imageId(ok.imageId()), List.of());
    }
    return moves.submissionFailed(s, ((StepOutcome.Failed) o).error(), now, this::refused);
  }

  private Decision giveUpSubmitting(Saga s, String trigger, Failure failure, Instant now) {
    return moves.giveUpSubmitting(s, trigger, failure, now, this::refused);
  }

  /** Fails with nothing to undo: ECS never accepted the copy. */
  private Decision refused(Saga s, String trigger, Failure failure, Instant now) {
    var event = CopyEvents.failed(s, now, failure, "NOT_NEEDED");
    return moves.move(s, trigger, now, b -> b.failure(failure), List.of(event));
  }

  private Decision lookedForCopy(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.ImageSeen seen) {
      return moves.move(s, "found", now, b -> b.imageId(seen.image().imageId()), List.of());
    }
    if (o instanceof StepOutcome.ImageMissing) {
      int looks = s.attempt() + 1;
      if (looks < SUBMITTED_COPY_LOOKS) {
        return moves.move(
            s, "not listed yet", moves.nextPoll(s, now), b -> b.attempt(looks), List.of());
      }
      return moves.move(
          s,
          "never made",
          now,
          b -> b,
          List.of(CopyEvents.failed(s, now, s.failure(), "NOT_NEEDED")));
    }
    CloudError e = ((StepOutcome.Failed) o).error();
    return moves.retryOrFail(s, e, now, f -> compensationFailed(s, ERROR, f, now));
  }

  private Decision observed(Saga s, StepOutcome o, Instant now) {
    return ImageWatch.decide(s, o, now, moves, WATCH, (t, seen, at) -> usable(t, seen.image(), at));
  }

  /** A progress event each time the copy's progress crosses a 10% step. */
  private static List<SagaEvent> progressed(Saga s, ImageObservation img, Instant now) {
    return ImageWatch.crossedATenth(s, img)
        ? List.of(CopyEvents.progressed(s, now, img.state().ecsName(), img.progress()))
        : List.of();
  }

  private Decision usable(Saga s, ImageObservation img, Instant now) {
    CopyInput in = (CopyInput) s.input();
    var event = CopyEvents.copied(s, now, img.imageName(), img.state().ecsName(), img.usable());
    String trigger = in.shareWith().isEmpty() ? "usable" : "usable, share next";
    return moves.move(s, trigger, now, b -> b.progress(100), List.of(event));
  }

  private Decision sharedCopy(Saga s, StepOutcome o, Instant now) {
    CopyInput in = (CopyInput) s.input();
    if (o instanceof StepOutcome.Applied) {
      var event =
          ShareEvents.shared(
              s,
              now,
              in.requestedBy(),
              s.imageId(),
              in.shareWith(),
              List.of(),
              in.shareWith(),
              false);
      return moves.move(s, "shared", now, b -> b, List.of(event));
    }
    CloudError e = ((StepOutcome.Failed) o).error();
    return moves.retryOrFail(s, e, now, f -> shareFailed(s, ERROR, f, now));
  }

  private Decision shareFailed(Saga s, String trigger, Failure failure, Instant now) {
    CopyInput in = (CopyInput) s.input();
    var event =
        ShareEvents.shareFailed(
            s, now, in.requestedBy(), s.imageId(), in.shareWith(), List.of(), failure);
    return moves.move(s, trigger, now, b -> b.failure(failure), List.of(event));
  }

  private Decision cancelled(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.Applied) {
      return compensated(s, "cancelled", now);
    }
    CloudError e = ((StepOutcome.Failed) o).error();
    if ("IncorrectImageStatus".equals(e.code())) {
      // ECS finished the copy before the cancel arrived: it is deleted instead.
      return moves.move(s, "finished before cancel", now);
    }
    return moves.retryOrFail(s, e, now, f -> compensationFailed(s, ERROR, f, now));
  }

  private Decision deleted(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.DeleteAccepted) {
      return compensated(s, "deleted", now);
    }
    CloudError e = ((StepOutcome.Failed) o).error();
    return moves.retryOrFail(s, e, now, f -> compensationFailed(s, ERROR, f, now));
  }

  private Decision compensated(Saga s, String trigger, Instant now) {
    var event = CopyEvents.failed(s, now, s.failure(), "COMPENSATED");
    return moves.move(s, trigger, now, b -> b, List.of(event));
  }

  private Decision compensationFailed(Saga s, String trigger, Failure failure, Instant now) {
    Failure cause = s.failure() != null ? s.failure() : failure;
    var event = CopyEvents.failed(s, now, cause, "COMPENSATION_FAILED");
    return moves.move(s, trigger, now, b -> b.failure(cause), List.of(event));
  }
}
