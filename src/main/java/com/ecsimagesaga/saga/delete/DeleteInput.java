package com.ecsimagesaga.saga.delete;

import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepTimeouts;
import java.time.Duration;
import java.util.Map;

/** What a delete saga was asked to do. */
public record DeleteInput(
    String imageId, boolean force, boolean deleteSnapshots, Map<Step, Duration> stepTimeouts)
    implements SagaInput {

  public DeleteInput {
    stepTimeouts = StepTimeouts.copyOf(stepTimeouts);
  }

  public DeleteInput(String imageId, boolean force, boolean deleteSnapshots) {
    this(imageId, force, deleteSnapshots, Map.of());
  }

  @Override
  public Duration defaultStepTimeout(Step step, StepTimeouts configured) {
    if (step == Step.CHECK_IMAGE) {
      return configured.checkImage();
    }
    if (step == DeleteImageSaga.SUBMIT_DELETE_IMAGE || step == DeleteImageSaga.UNSHARE_IMAGE) {
      return configured.submitDeleteImage();
    }
    if (step == DeleteImageSaga.AWAIT_IMAGE_GONE) {
      return configured.awaitImageGone();
    }
    if (step == Step.DELETE_SNAPSHOTS) {
      return configured.deleteSnapshots();
    }
    return null;
  }
}
