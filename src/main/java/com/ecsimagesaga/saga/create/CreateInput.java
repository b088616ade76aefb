package com.ecsimagesaga.saga.create;

import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageSpec;
import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepTimeouts;
import com.ecsimagesaga.saga.copy.Distribution;
import java.time.Duration;
import java.util.Map;

/**
 * What a create saga was asked to do.
 *
 * @param timeout overall deadline, or null for the default of the source kind
 * @param deleteSnapshotsOnFailure whether compensation also deletes the image's snapshots
 * @param distribution copies and shares started once the image is usable; null for none
 */
public record CreateInput(
    ImageSpec spec,
    Duration timeout,
    boolean deleteSnapshotsOnFailure,
    Map<Step, Duration> stepTimeouts,
    Distribution distribution)
    implements SagaInput {

  public CreateInput {
    stepTimeouts = StepTimeouts.copyOf(stepTimeouts);
    distribution = distribution == null || distribution.isEmpty() ? null : distribution;
  }

  public CreateInput(
      ImageSpec spec,
      Duration timeout,
      boolean deleteSnapshotsOnFailure,
      Map<Step, Duration> stepTimeouts) {
    this(spec, timeout, deleteSnapshotsOnFailure, stepTimeouts, null);
  }

  public CreateInput(ImageSpec spec, Duration timeout, boolean deleteSnapshotsOnFailure) {
    this(spec, timeout, deleteSnapshotsOnFailure, Map.of());
  }

  /**
   * Waiting steps are sized by source: an instance may take a while to become Running or Stopped,
   * and an image made from an instance (whose disks ECS snapshots first) takes longer to become
   * usable than one made from snapshots that already exist.
   */
  @Override
  public Duration defaultStepTimeout(Step step, StepTimeouts configured) {
    boolean fromInstance = spec.source() instanceof ImageSource.FromInstance;
    if (step == CreateImageSaga.CHECK_SOURCE) {
      return fromInstance ? configured.checkInstance() : configured.checkSnapshot();
    }
    if (step == CreateImageSaga.SUBMIT_CREATE_IMAGE) {
      return configured.submitCreateImage();
    }
    if (step == CreateImageSaga.AWAIT_IMAGE_USABLE) {
      return fromInstance
          ? configured.awaitUsableFromInstance()
          : configured.awaitUsableFromSnapshot();
    }
    if (step == Step.FIND_SUBMITTED_IMAGE) {
      return configured.findSubmittedImage();
    }
    if (step == Step.COMPENSATE_DELETE_IMAGE) {
      return configured.compensateDeleteImage();
    }
    if (step == Step.DELETE_SNAPSHOTS) {
      return configured.deleteSnapshots();
    }
    return null;
  }
}
