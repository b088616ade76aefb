package com.ecsimagesaga.saga.delete;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaDefinition;
import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.SagaKinds;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepTimeoutRules;
import com.ecsimagesaga.saga.TransitionTable;
import com.ecsimagesaga.saga.copy.CopyImageSaga;
import com.ecsimagesaga.saga.copy.CopyInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deleting an image: one saga per command, refused while the image is busy; with {@code
 * deleteCopies}, one more saga for each copy the service made of it.
 */
public final class DeleteImageKind implements SagaKind<DeleteImageCommand> {

  @Override
  public String commandType() {
    return "DeleteImage";
  }

  @Override
  public Class<DeleteImageCommand> commandClass() {
    return DeleteImageCommand.class;
  }

  @Override
  public Class<? extends SagaInput> inputClass() {
    return DeleteInput.class;
  }

  @Override
  public TransitionTable table() {
    return DeleteImageSaga.TABLE;
  }

  @Override
  public SagaDefinition definition(SagaPolicies policies) {
    return new DeleteImageSaga(policies);
  }

  @Override
  public boolean needsIdleImage() {
    return true;
  }

  @Override
  public ImageEffect imageEffect() {
    return ImageEffect.DELETES;
  }

  /** Every rule of a delete is one of the shared validation rules. */
  @Override
  public Set<String> ruleIds() {
    return Set.of();
  }

  @Override
  public List<Violation> check(DeleteImageCommand c) {
    return DeleteImageRules.check(c).violations();
  }

  /** A delete with {@code deleteCopies} looks up the copies the service made of the image. */
  @Override
  public Optional<Lookup> lookup(DeleteImageCommand c) {
    return c.deleteCopies()
        ? Optional.of(
            new Lookup(CopyImageSaga.TYPE, SagaStatus.SUCCEEDED, "sourceImageId", c.imageId()))
        : Optional.empty();
  }

  @Override
  public List<Saga> start(DeleteImageCommand c, Instant now, SagaPolicies policies) {
    return start(c, now, policies, List.of());
  }

  /**
   * The delete's own saga, then one for each copy made from the image in the delete's region, with
   * a command id derived from the delete's, so a redelivered delete starts it only once.
   */
  @Override
  public List<Saga> start(
      DeleteImageCommand c, Instant now, SagaPolicies policies, List<Saga> copies) {
    var input =
        new DeleteInput(
            c.imageId(),
            c.force(),
            c.deleteSnapshots(),
            StepTimeoutRules.durations(c.stepTimeoutSeconds()));
    List<Saga> sagas = new ArrayList<>();
    sagas.add(
        DeleteImageSaga.start(
            SagaKinds.sagaId(c.commandId()), c.commandId(), c.regionId(), input, now, policies));
    for (Saga copy : copies) {
      if (copy.input() instanceof CopyInput made
          && c.regionId().equals(made.sourceRegionId())
          && copy.imageId() != null) {
        String commandId = SagaKinds.childCommandId(c.commandId(), "copy/" + copy.regionId());
        sagas.add(
            DeleteImageSaga.start(
                SagaKinds.sagaId(commandId),
                commandId,
                copy.regionId(),
                new DeleteInput(
                    copy.imageId(), input.force(), input.deleteSnapshots(), input.stepTimeouts()),
                now,
                policies));
      }
    }
    return sagas;
  }

  /** A delete starts by looking at the image; every later call of its is idempotent. */
  @Override
  public Saga.Builder replay(
      Saga failed, Replay.Mode mode, Optional<String> liveImageId, Saga.Builder reset) {
    return reset.step(Replay.failedStepOrFirst(failed, mode, Step.CHECK_IMAGE));
  }
}
