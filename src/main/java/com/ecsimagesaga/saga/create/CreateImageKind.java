package com.ecsimagesaga.saga.create;

import com.ecsimagesaga.command.Validated;
import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.image.ImageSpec;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Creating an image: one saga per command, which starts the image's copies once it is usable. */
public final class CreateImageKind implements SagaKind<CreateImageCommand> {

  /** The last command checked and what its check found. */
  private record Checked(CreateImageCommand command, Validated<ImageSpec> result) {}

  /**
   * The intake and the gateway ask for a command's violations, then its warnings, then its sagas,
   * one after the other: the rules run once for the three (the last command checked is kept; a
   * different command, from another thread too, is checked afresh).
   */
  private volatile Checked last;

  private Validated<ImageSpec> checked(CreateImageCommand c) {
    Checked kept = last;
    if (kept != null && kept.command() == c) {
      return kept.result();
    }
    Validated<ImageSpec> result = CreateImageRules.check(c);
    last = new Checked(c, result);
    return result;
  }

  @Override
  public String commandType() {
    return "CreateImage";
  }

  @Override
  public Class<CreateImageCommand> commandClass() {
    return CreateImageCommand.class;
  }

  @Override
  public Class<? extends SagaInput> inputClass() {
    return CreateInput.class;
  }

  @Override
  public TransitionTable table() {
    return CreateImageSaga.TABLE;
  }

  @Override
  public SagaDefinition definition(SagaPolicies policies) {
    return new CreateImageSaga(policies);
  }

  @Override
  public ImageEffect imageEffect() {
    return ImageEffect.MAKES;
  }

  /** Every rule of a create is one of the shared validation rules. */
  @Override
  public Set<String> ruleIds() {
    return Set.of();
  }

  @Override
  public List<Violation> check(CreateImageCommand c) {
    return checked(c).violations();
  }

  @Override
  public List<String> warnings(CreateImageCommand c) {
    return checked(c).warnings();
  }

  @Override
  public List<Saga> start(CreateImageCommand c, Instant now, SagaPolicies policies) {
    Validated<ImageSpec> checked = checked(c);
    Duration timeout = c.timeoutSeconds() == null ? null : Duration.ofSeconds(c.timeoutSeconds());
    var input =
        new CreateInput(
            checked.value(),
            timeout,
            c.deleteSnapshotsOnFailure(),
            StepTimeoutRules.durations(c.stepTimeoutSeconds()),
            c.distribution());
    return List.of(
        CreateImageSaga.start(
            SagaKinds.sagaId(c.commandId()), c.commandId(), input, now, policies));
  }

  /**
   * Resuming keeps the saga's ClientToken, so a CreateImage that ECS already carried out answers
   * with the same image instead of making a second one. When the image exists after all, the saga
   * skips CreateImage and goes straight to watching it. When the image is known to be gone (it was
   * compensated), the old token would point ECS at a deleted image, so a fresh token generation is
   * taken: that is the only case in which a replay may create a new image.
   */
  @Override
  public Saga.Builder replay(
      Saga failed, Replay.Mode mode, Optional<String> liveImageId, Saga.Builder reset) {
    if (liveImageId.isPresent() && mode == Replay.Mode.RESUME) {
      // The image exists: CreateImage must not run again; watching it decides the rest.
      return reset.step(CreateImageSaga.AWAIT_IMAGE_USABLE).imageId(liveImageId.get()).progress(0);
    }
    reset.imageId(null).progress(0).snapshotIds(List.of());
    if (liveImageId.isEmpty()
        && (failed.imageId() != null || failed.status() == SagaStatus.COMPENSATED)) {
      reset.newToken();
    }
    if (mode == Replay.Mode.RESTART) {
      return reset.step(CreateImageSaga.CHECK_SOURCE);
    }
    // With no image in the cloud, a saga that got past its source check submits again.
    Step failedAt = Replay.failedStep(failed, CreateImageSaga.CHECK_SOURCE);
    return reset.step(
        failedAt == CreateImageSaga.CHECK_SOURCE
            ? CreateImageSaga.CHECK_SOURCE
            : CreateImageSaga.SUBMIT_CREATE_IMAGE);
  }

  @Override
  public boolean replayLooksForImage() {
    return true;
  }
}
