package com.ecsimagesaga.saga.update;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaDefinition;
import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.SagaKinds;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepTimeoutRules;
import com.ecsimagesaga.saga.TransitionTable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Changing an image that exists: one saga per command, refused while the image is busy. */
public final class UpdateImageKind implements SagaKind<UpdateImageCommand> {

  @Override
  public String commandType() {
    return "UpdateImage";
  }

  @Override
  public Class<UpdateImageCommand> commandClass() {
    return UpdateImageCommand.class;
  }

  @Override
  public Class<? extends SagaInput> inputClass() {
    return UpdateInput.class;
  }

  @Override
  public TransitionTable table() {
    return UpdateImageSaga.TABLE;
  }

  @Override
  public SagaDefinition definition(SagaPolicies policies) {
    return new UpdateImageSaga(policies);
  }

  @Override
  public boolean needsIdleImage() {
    return true;
  }

  /** Every rule of an update is one of the shared validation rules. */
  @Override
  public Set<String> ruleIds() {
    return Set.of();
  }

  @Override
  public List<Violation> check(UpdateImageCommand c) {
    return UpdateImageRules.check(c).violations();
  }

  @Override
  public List<Saga> start(UpdateImageCommand c, Instant now, SagaPolicies policies) {
    var input =
        new UpdateInput(
            UpdateImageRules.check(c).value(), StepTimeoutRules.durations(c.stepTimeoutSeconds()));
    return List.of(
        UpdateImageSaga.start(
            SagaKinds.sagaId(c.commandId()), c.commandId(), input, now, policies));
  }

  /** An update starts by looking at the image; every later call of its is idempotent. */
  @Override
  public Saga.Builder replay(
      Saga failed, Replay.Mode mode, Optional<String> liveImageId, Saga.Builder reset) {
    return reset.step(Replay.failedStepOrFirst(failed, mode, Step.CHECK_IMAGE));
  }
}
