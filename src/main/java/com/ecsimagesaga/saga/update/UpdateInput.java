package com.ecsimagesaga.saga.update;

import com.ecsimagesaga.image.ImageChanges;
import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepTimeouts;
import java.time.Duration;
import java.util.Map;

/** What an update saga was asked to do. */
public record UpdateInput(ImageChanges changes, Map<Step, Duration> stepTimeouts)
    implements SagaInput {

  public UpdateInput {
    stepTimeouts = StepTimeouts.copyOf(stepTimeouts);
  }

  public UpdateInput(ImageChanges changes) {
    this(changes, Map.of());
  }

  /**
   * Looking at the image, then each change (attributes, tags added and removed, resource group).
   */
  @Override
  public Duration defaultStepTimeout(Step step, StepTimeouts configured) {
    if (step == Step.CHECK_IMAGE) {
      return configured.checkImage();
    }
    return UpdateImageSaga.ORDER.contains(step) ? configured.applyChange() : null;
  }
}
