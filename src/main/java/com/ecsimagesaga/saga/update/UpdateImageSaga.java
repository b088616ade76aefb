package com.ecsimagesaga.saga.update;

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
import static com.ecsimagesaga.saga.Step.DONE;

import com.ecsimagesaga.image.ImageChanges;
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
 * Updating an image: check it exists, then apply each kind of change ECS allows, in a fixed order,
 * skipping the kinds the command does not ask for: attributes (ModifyImageAttribute), tags added
 * (TagResources), tags removed (UntagResources), resource group (JoinResourceGroup). Every call is
 * idempotent, so a retry after an unknown outcome is safe.
 */
public final class UpdateImageSaga implements SagaDefinition {

  /** The type of the sagas of this kind. */
  public static final SagaType TYPE = SagaType.of("UPDATE_IMAGE");

  // The steps of this kind, besides the shared ones of Step.
  public static final Step MODIFY_IMAGE_ATTRIBUTES = Step.of("MODIFY_IMAGE_ATTRIBUTES");
  public static final Step TAG_IMAGE = Step.of("TAG_IMAGE");
  public static final Step UNTAG_IMAGE = Step.of("UNTAG_IMAGE");
  public static final Step JOIN_RESOURCE_GROUP = Step.of("JOIN_RESOURCE_GROUP");

  public static final List<Step> ORDER =
      List.of(MODIFY_IMAGE_ATTRIBUTES, TAG_IMAGE, UNTAG_IMAGE, JOIN_RESOURCE_GROUP);
  static final String APPLIED = "applied";
  public static final TransitionTable TABLE = buildTable();

  private final Moves moves;

  public UpdateImageSaga(SagaPolicies policies) {
    this.moves = new Moves(TABLE, policies, Set.of());
  }

  /** A new update saga, due now. */
  public static Saga start(
      UUID id, String commandId, UpdateInput in, Instant now, SagaPolicies policies) {
    ImageChanges c = in.changes();
    // A update image makes no image, so it needs no ClientToken.
    return Saga.begin(
            id,
            UpdateImageSaga.TYPE,
            CHECK_IMAGE,
            commandId,
            c.regionId(),
            in,
            c.imageId(),
            now,
            now.plus(policies.deleteTimeout()))
        .edit()
        .token(null, 0)
        .build();
  }

  private static TransitionTable buildTable() {
    TransitionTable t =
        TransitionTable.of(UpdateImageSaga.TYPE).row(CHECK_IMAGE, "absent", DONE, FAILED);
    for (Step next : ORDER) {
      t.row(CHECK_IMAGE, "present, then " + next, next, RUNNING);
    }
    for (Step from :
        List.of(
            CHECK_IMAGE, MODIFY_IMAGE_ATTRIBUTES, TAG_IMAGE, UNTAG_IMAGE, JOIN_RESOURCE_GROUP)) {
      if (from != CHECK_IMAGE) {
        for (Step next : ORDER.subList(ORDER.indexOf(from) + 1, ORDER.size())) {
          t.row(from, APPLIED + ", then " + next, next, RUNNING);
        }
        t.row(from, APPLIED, DONE, SUCCEEDED);
      }
      t.row(from, RETRYABLE_ERROR, from, WAITING)
          .row(from, ERROR, DONE, FAILED)
          .row(from, DEADLINE_PASSED, DONE, FAILED)
          .row(from, STEP_TIMED_OUT, DONE, FAILED);
    }
    return t.alsoOn(RETRYABLE_ERROR, WAITING_FOR_QUOTA);
  }

  @Override
  public TransitionTable table() {
    return TABLE;
  }

  @Override
  public CloudAction actionFor(Saga s) {
    ImageChanges c = ((UpdateInput) s.input()).changes();
    String status = c.deprecated() == null ? null : c.deprecated() ? "Deprecated" : "Available";
    Step at = s.step();
    if (at == CHECK_IMAGE) {
      return new CloudAction.ObserveImage(s.regionId(), c.imageId());
    }
    if (at == MODIFY_IMAGE_ATTRIBUTES) {
      return new CloudAction.ModifyImageAttributes(
          s.regionId(),
          c.imageId(),
          c.imageName(),
          c.description(),
          c.imageFamily(),
          c.bootMode(),
          status);
    }
    if (at == TAG_IMAGE) {
      return new CloudAction.TagImage(s.regionId(), c.imageId(), c.addTags());
    }
    if (at == UNTAG_IMAGE) {
      return new CloudAction.UntagImage(s.regionId(), c.imageId(), c.removeTagKeys());
    }
    if (at == JOIN_RESOURCE_GROUP) {
      return new CloudAction.JoinResourceGroup(s.regionId(), c.imageId(), c.resourceGroupId());
    }
    throw new IllegalStateException("no action for " + s.step() + " of saga " + s.id());
  }

  @Override
  public Optional<Decision> expire(Saga s, Instant now) {
    return switch (moves.expiry(s, now)) {
      case NONE -> Optional.empty();
      case SAGA ->
          Optional.of(
              fail(s, DEADLINE_PASSED, Moves.sagaTimeout(s, "the update was not applied"), now));
      case STEP -> Optional.of(fail(s, STEP_TIMED_OUT, moves.stepTimeout(s), now));
    };
  }

  @Override
  public Decision decide(Saga s, StepOutcome o, Instant now) {
    if (o instanceof StepOutcome.Failed f) {
      return moves.retryOrFail(s, f.error(), now, failure -> fail(s, ERROR, failure, now));
    }
    if (s.step() == CHECK_IMAGE) {
      if (!(o instanceof StepOutcome.ImageSeen)) {
        var missing =
            new Failure(
                CHECK_IMAGE,
                "NOT_FOUND",
                "InvalidImageId.NotFound",
                "image " + s.imageId() + " does not exist",
                null);
        return fail(s, "absent", missing, now);
      }
      return moves.move(s, "present, then " + next(s, CHECK_IMAGE).orElseThrow(), now);
    }
    Optional<Step> next = next(s, s.step());
    if (next.isPresent()) {
      return moves.move(s, APPLIED + ", then " + next.get(), now);
    }
    var event =
        new UpdateEvents.ImageUpdated(
            SagaEvent.stableId(s.id(), s.version(), "ImageUpdated"),
            s.id(),
            s.commandId(),
            now,
            s.regionId(),
            s.imageId(),
            changesUpTo(s, DONE));
    return moves.move(s, APPLIED, now, b -> b, List.of(event));
  }

  /** The next step after {@code after} that the command has work for. */
  static Optional<Step> next(Saga s, Step after) {
    int from = after == CHECK_IMAGE ? 0 : ORDER.indexOf(after) + 1;
    return ORDER.subList(from, ORDER.size()).stream()
        .filter(step -> hasWork(((UpdateInput) s.input()).changes(), step))
        .findFirst();
  }

  static boolean hasWork(ImageChanges c, Step step) {
    if (step == MODIFY_IMAGE_ATTRIBUTES) {
      return c.changesAttributes();
    }
    if (step == TAG_IMAGE) {
      return !c.addTags().isEmpty();
    }
    if (step == UNTAG_IMAGE) {
      return !c.removeTagKeys().isEmpty();
    }
    if (step == JOIN_RESOURCE_GROUP) {
      return c.resourceGroupId() != null;
    }
    return false;
  }

  /** What has been applied before {@code step} (all of it for DONE). */
  static List<String> changesUpTo(Saga s, Step step) {
    int end = step == DONE ? ORDER.size() : Math.max(0, ORDER.indexOf(step));
    return ORDER.subList(0, end).stream()
        .filter(x -> hasWork(((UpdateInput) s.input()).changes(), x))
        .map(UpdateImageSaga::label)
        .toList();
  }

  private static String label(Step step) {
    if (step == MODIFY_IMAGE_ATTRIBUTES) {
      return "attributes";
    }
    if (step == TAG_IMAGE) {
      return "tags added";
    }
    if (step == UNTAG_IMAGE) {
      return "tags removed";
    }
    return "resource group";
  }

  private Decision fail(Saga s, String trigger, Failure failure, Instant now) {
    var event =
        new UpdateEvents.ImageUpdateFailed(
            SagaEvent.stableId(s.id(), s.version(), "ImageUpdateFailed"),
            s.id(),
            s.commandId(),
            now,
            s.regionId(),
            s.imageId(),
            failure,
            s.step() == CHECK_IMAGE ? List.of() : changesUpTo(s, s.step()));
    return moves.move(s, trigger, now, b -> b.failure(failure), List.of(event));
  }
}
