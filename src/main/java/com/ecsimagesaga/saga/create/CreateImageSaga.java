package com.ecsimagesaga.saga.create;

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
import static com.ecsimagesaga.saga.Step.DELETE_SNAPSHOTS;
import static com.ecsimagesaga.saga.Step.DONE;
import static com.ecsimagesaga.saga.Step.FIND_SUBMITTED_IMAGE;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.CloudAction;
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
import com.ecsimagesaga.saga.copy.CopyImageKind;
import com.ecsimagesaga.saga.copy.Distribution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Creating an image: check the source, submit CreateImage with the saga's ClientToken, wait until
 * the image is usable. A creation that fails or times out after ECS accepted it is compensated by
 * deleting the half-made image (and, if asked, its snapshots).
 */
public final class CreateImageSaga implements SagaDefinition {

  /** The type of the sagas of this kind. */
  public static final SagaType TYPE = SagaType.of("CREATE_IMAGE");

  // The steps of this kind, besides the shared ones of Step.
  public static final Step CHECK_SOURCE = Step.of("CHECK_SOURCE");
  public static final Step SUBMIT_CREATE_IMAGE = Step.of("SUBMIT_CREATE_IMAGE");
  public static final Step AWAIT_IMAGE_USABLE = Step.of("AWAIT_IMAGE_USABLE");

  /** The tag key every image made by the service carries, with the saga id as value. */
  public static final String SAGA_TAG = "ecs-image-saga/saga-id";

  public static final TransitionTable TABLE =
      TransitionTable.of(CreateImageSaga.TYPE)
          .row(CHECK_SOURCE, "source ready", SUBMIT_CREATE_IMAGE, RUNNING)
          .row(CHECK_SOURCE, "source settling", CHECK_SOURCE, WAITING)
          .row(CHECK_SOURCE, "source unusable", DONE, FAILED)
          .row(CHECK_SOURCE, RETRYABLE_ERROR, CHECK_SOURCE, WAITING)
          .row(CHECK_SOURCE, ERROR, DONE, FAILED)
          .row(CHECK_SOURCE, DEADLINE_PASSED, DONE, FAILED)
          .row(CHECK_SOURCE, STEP_TIMED_OUT, DONE, FAILED)
          .row(SUBMIT_CREATE_IMAGE, "accepted", AWAIT_IMAGE_USABLE, WAITING)
          .row(SUBMIT_CREATE_IMAGE, Moves.TOKEN_REFUSED, SUBMIT_CREATE_IMAGE, RUNNING)
          .row(SUBMIT_CREATE_IMAGE, RETRYABLE_ERROR, SUBMIT_CREATE_IMAGE, WAITING)
          .row(SUBMIT_CREATE_IMAGE, ERROR, DONE, FAILED)
          .row(SUBMIT_CREATE_IMAGE, DEADLINE_PASSED, DONE, FAILED)
          .row(SUBMIT_CREATE_IMAGE, STEP_TIMED_OUT, DONE, FAILED)
          .row(
              SUBMIT_CREATE_IMAGE, Moves.SUBMIT_OUTCOME_UNKNOWN, FIND_SUBMITTED_IMAGE, COMPENSATING)
          .row(FIND_SUBMITTED_IMAGE, "found", COMPENSATE_DELETE_IMAGE, COMPENSATING)
          .row(FIND_SUBMITTED_IMAGE, "not listed yet", FIND_SUBMITTED_IMAGE, COMPENSATING)
          .row(FIND_SUBMITTED_IMAGE, "never made", DONE, FAILED)
          .row(FIND_SUBMITTED_IMAGE, "no more", DONE, COMPENSATED)
          .row(FIND_SUBMITTED_IMAGE, "no more, snapshots next", DELETE_SNAPSHOTS, COMPENSATING)
          .row(FIND_SUBMITTED_IMAGE, RETRYABLE_ERROR, FIND_SUBMITTED_IMAGE, COMPENSATING)
          .row(FIND_SUBMITTED_IMAGE, ERROR, DONE, COMPENSATION_FAILED)
          .row(FIND_SUBMITTED_IMAGE, STEP_TIMED_OUT, DONE, COMPENSATION_FAILED)
          .row(AWAIT_IMAGE_USABLE, "in progress", AWAIT_IMAGE_USABLE, WAITING)
          .row(AWAIT_IMAGE_USABLE, "not visible yet", AWAIT_IMAGE_USABLE, WAITING)
          .row(AWAIT_IMAGE_USABLE, "usable", DONE, SUCCEEDED)
          .row(AWAIT_IMAGE_USABLE, "creation failed", COMPENSATE_DELETE_IMAGE, COMPENSATING)
          .row(AWAIT_IMAGE_USABLE, RETRYABLE_ERROR, AWAIT_IMAGE_USABLE, WAITING)
          .row(AWAIT_IMAGE_USABLE, DEADLINE_PASSED, COMPENSATE_DELETE_IMAGE, COMPENSATING)
          .row(AWAIT_IMAGE_USABLE, STEP_TIMED_OUT, COMPENSATE_DELETE_IMAGE, COMPENSATING)
          .row(COMPENSATE_DELETE_IMAGE, "deleted", DONE, COMPENSATED)
          .row(COMPENSATE_DELETE_IMAGE, "deleted, snapshots next", DELETE_SNAPSHOTS, COMPENSATING)
          .row(
              COMPENSATE_DELETE_IMAGE, "deleted, look for more", FIND_SUBMITTED_IMAGE, COMPENSATING)
          .row(COMPENSATE_DELETE_IMAGE, RETRYABLE_ERROR, COMPENSATE_DELETE_IMAGE, COMPENSATING)
          .row(COMPENSATE_DELETE_IMAGE, ERROR, DONE, COMPENSATION_FAILED)
          .row(COMPENSATE_DELETE_IMAGE, STEP_TIMED_OUT, DONE, COMPENSATION_FAILED)
          .row(DELETE_SNAPSHOTS, "deleted", DONE, COMPENSATED)
          .row(DELETE_SNAPSHOTS, RETRYABLE_ERROR, DELETE_SNAPSHOTS, COMPENSATING)
          .row(DELETE_SNAPSHOTS, ERROR, DONE, COMPENSATION_FAILED)
          .row(DELETE_SNAPSHOTS, STEP_TIMED_OUT, DONE, COMPENSATION_FAILED)
          .alsoOn(RETRYABLE_ERROR, WAITING_FOR_QUOTA);

  /** The trigger of a submission that gave up after a call whose outcome is unknown. */
  public static final String SUBMIT_OUTCOME_UNKNOWN = Moves.SUBMIT_OUTCOME_UNKNOWN;

  /**
   * How many times FIND_SUBMITTED_IMAGE looks before concluding ECS never made the image: ECS lists
   * a new image only after a short delay, so one empty answer right after the last CreateImage does
   * not prove there is none.
   */
  static final int SUBMITTED_IMAGE_LOOKS = 3;

  /** What an ImageCreationFailed event says when compensation itself ran out of time. */
  public static final String COMPENSATION_TIMED_OUT = "COMPENSATION_TIMED_OUT";

  /** How a create watches its image. */
  private static final ImageWatch.Watch WATCH =
      new ImageWatch.Watch("IMAGE_CREATE_FAILED", "creation failed", CreateImageSaga::progressed);

  private final Moves moves;
  private final CreateCompensation compensation;

  public CreateImageSaga(SagaPolicies policies) {
    // Compensation has no saga deadline: giving up on it would leak the half-made image. It does
    // have step timeouts, after which it ends visibly as COMPENSATION_FAILED for an operator.
    // Looking for an image a lost CreateImage may have made is the first step of that compensation.
    this.moves =
        new Moves(
            TABLE,
            policies,
            Set.of(FIND_SUBMITTED_IMAGE, COMPENSATE_DELETE_IMAGE, DELETE_SNAPSHOTS),
            CreateImageSaga::waitingForQuota);
    this.compensation = new CreateCompensation(moves, this::fail);
  }

  /**
   * Tells consumers that a creation not yet accepted by ECS is queued behind the service's rate
   * budget, and when its turn is expected; a dashboard can show the queue. Once the image exists,
   * its progress events say more than a queued look would.
   */
  private static List<SagaEvent> waitingForQuota(Saga s, Instant until, Instant now) {
    if (s.imageId() != null || s.status().isTerminal()) {
      return List.of();
    }
    return List.of(
        CreateEvents.ImageCreationProgressed.of(
            s,
            now,
            "",
            "Queued",
            0,
            CreateEvents.ImageCreationProgressed.WAITING_FOR_QUOTA,
            until));
  }

  /** A new saga for a validated command, due now, with its ClientToken fixed before any call. */
  public static Saga start(
      UUID id, String commandId, CreateInput in, Instant now, SagaPolicies policies) {
    Duration timeout =
        in.timeout() != null
            ? in.timeout()
            : in.spec().source() instanceof ImageSource.FromInstance
                ? policies.instanceTimeout()
                : policies.snapshotTimeout();
    return Saga.begin(
        id,
        CreateImageSaga.TYPE,
        CHECK_SOURCE,
        commandId,
        in.spec().regionId(),
        in,
        null,
        now,
        now.plus(timeout));
  }

  @Override
  public TransitionTable table() {
    return TABLE;
  }

  @Override
  public CloudAction actionFor(Saga s) {
    CreateInput in = ((CreateInput) s.input());
    Step at = s.step();
    if (at == CHECK_SOURCE) {
      return checkSource(s.regionId(), in.spec().source());
    }
    if (at == SUBMIT_CREATE_IMAGE) {
      return new CloudAction.SubmitCreateImage(
          s.regionId(),
          in.spec(),
          s.clientToken(),
          List.of(new ImageTag(SAGA_TAG, s.id().toString())));
    }
    if (at == FIND_SUBMITTED_IMAGE) {
      return new CloudAction.FindImageBySagaTag(s.regionId(), s.id(), s.imageId());
    }
    if (at == AWAIT_IMAGE_USABLE) {
      return new CloudAction.ObserveImage(s.regionId(), s.imageId(), s.createdAt());
    }
    if (at == COMPENSATE_DELETE_IMAGE) {
      return new CloudAction.SubmitDeleteImage(s.regionId(), s.imageId(), true);
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
      case SAGA -> Optional.of(sagaDeadlinePassed(s, now));
      case STEP -> Optional.of(stepTimedOut(s, now));
    };
  }

  /**
   * A step ran out of its own time. An image ECS accepted is compensated; a compensation step that
   * runs out ends the saga as COMPENSATION_FAILED, with the original failure kept.
   */
  private Decision stepTimedOut(Saga s, Instant now) {
    Failure timedOut = moves.stepTimeout(s);
    Step at = s.step();
    if (at == AWAIT_IMAGE_USABLE) {
      return moves.move(s, STEP_TIMED_OUT, now, b -> b.failure(timedOut), List.of());
    }
    if (at == SUBMIT_CREATE_IMAGE) {
      return giveUpSubmitting(s, STEP_TIMED_OUT, timedOut, now);
    }
    if (at == FIND_SUBMITTED_IMAGE || at == COMPENSATE_DELETE_IMAGE || at == DELETE_SNAPSHOTS) {
      return compensation.finish(s, STEP_TIMED_OUT, COMPENSATION_TIMED_OUT, now);
    }
    return fail(s, STEP_TIMED_OUT, timedOut, now);
  }

  private Decision sagaDeadlinePassed(Saga s, Instant now) {
    Failure timedOut = Moves.sagaTimeout(s, "the image was not usable");
    if (s.step() == AWAIT_IMAGE_USABLE) {
      return moves.move(s, DEADLINE_PASSED, now, b -> b.failure(timedOut), List.of());
    }
    if (s.step() == SUBMIT_CREATE_IMAGE) {
      return giveUpSubmitting(s, DEADLINE_PASSED, timedOut, now);
    }
    return fail(s, DEADLINE_PASSED, timedOut, now);
  }

  @Override
  public Decision decide(Saga s, StepOutcome o, Instant now) {
    Step at = s.step();
    if (at == CHECK_SOURCE) {
      return sourceChecked(s, o, now);
    }
    if (at == SUBMIT_CREATE_IMAGE) {
      return submitted(s, o, now);
    }
    if (at == FIND_SUBMITTED_IMAGE) {
      return compensation.lookedForSubmitted(s, o, now);
    }
    if (at == AWAIT_IMAGE_USABLE) {
      return observed(s, o, now);
    }
    if (at == COMPENSATE_DELETE_IMAGE) {
      return compensation.compensated(s, o, now);
    }
    if (at == DELETE_SNAPSHOTS) {
      return compensation.snapshotsDeleted(s, o, now);
    }
    throw new IllegalStateException("saga " + s.id() + " is done");
  }

  private static CloudAction checkSource(String region, ImageSource source) {
    if (source instanceof ImageSource.FromInstance i) {
      return new CloudAction.DescribeInstance(region, i.instanceId());
    }
    if (source instanceof ImageSource.FromSnapshot sn) {
      return new CloudAction.DescribeSnapshot(region, sn.snapshotId());
    }
    var mappings = ((ImageSource.FromDiskMappings) source).mappings();
    return new CloudAction.DescribeSnapshot(
        region, mappings.stream().filter(d -> d.isSystem()).findFirst().orElseThrow().snapshotId());
  }

  private Decision sourceChecked(Saga s, StepOutcome o, Instant now) {
    return SourceCheck.decide(s, o, now, moves, this::fail);
  }

  private Decision submitted(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.ImageSubmitted ok) {
      return moves.move(
          s, "accepted", moves.nextPoll(s, now), b -> b.imageId(ok.imageId()), List.of());
    }
    return moves.submissionFailed(s, ((StepOutcome.Failed) o).error(), now, this::fail);
  }

  private Decision giveUpSubmitting(Saga s, String trigger, Failure failure, Instant now) {
    return moves.giveUpSubmitting(s, trigger, failure, now, this::fail);
  }

  private Decision observed(Saga s, StepOutcome o, Instant now) {
    return ImageWatch.decide(s, o, now, moves, WATCH, this::created);
  }

  private Decision created(Saga s, StepOutcome.ImageSeen seen, Instant now) {
    var img = seen.image();
    var event =
        new CreateEvents.ImageCreated(
            SagaEvent.stableId(s.id(), s.version(), "ImageCreated"),
            s.id(),
            s.commandId(),
            now,
            s.regionId(),
            img.imageId(),
            img.imageName(),
            img.state().ecsName(),
            img.usable(),
            img.snapshotIds());
    Decision done =
        moves.move(
            s, "usable", now, b -> b.progress(100).snapshotIds(img.snapshotIds()), List.of(event));
    Distribution distribution = ((CreateInput) s.input()).distribution();
    if (distribution == null) {
      return done;
    }
    // The copies and shares start with this move, in its transaction: exactly once.
    return done.starting(
        CopyImageKind.distribute(s.commandId(), s.regionId(), img.imageId(), distribution, now)
            .stream()
            .map(child -> child.edit().traceParent(s.traceParent()).build())
            .toList());
  }

  /** Fails without anything to compensate: ECS never accepted the creation. */
  Decision fail(Saga s, String trigger, Failure failure, Instant now) {
    var event = CreateCompensation.failed(s, failure, "NOT_NEEDED", now);
    return moves.move(s, trigger, now, b -> b.failure(failure), List.of(event));
  }

  /** A progress event each time ECS's progress on the image crosses another 10%. */
  private static List<SagaEvent> progressed(Saga s, ImageObservation img, Instant now) {
    if (!ImageWatch.crossedATenth(s, img)) {
      return List.of();
    }
    return List.of(
        CreateEvents.ImageCreationProgressed.of(
            s,
            now,
            img.imageId(),
            img.state().ecsName(),
            img.progress(),
            CreateEvents.ImageCreationProgressed.CREATING,
            null));
  }
}
