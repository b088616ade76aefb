package com.ecsimagesaga.saga.copy;

import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.Step;
import com.ecsimagesaga.saga.StepTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one copy saga was asked to do: copy the source image to one destination.
 *
 * @param requestedBy the id of the command the user sent (a CopyImage, or a CreateImage with a
 *     distribution); the copy's events carry it
 * @param shareWith accounts the copy is shared with once usable
 * @param timeoutSeconds how long the copy may take before it is cancelled
 */
public record CopyInput(
    String requestedBy,
    String sourceRegionId,
    String sourceImageId,
    CopyDestination destination,
    List<String> shareWith,
    long timeoutSeconds)
    implements SagaInput {

  /** How long a copy may take by default: copies between distant regions take hours. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);

  public CopyInput {
    shareWith = shareWith == null ? List.of() : List.copyOf(shareWith);
  }

  @Override
  public Map<Step, Duration> stepTimeouts() {
    return Map.of();
  }

  @Override
  public Duration defaultStepTimeout(Step step, StepTimeouts configured) {
    if (step == CopyImageSaga.SUBMIT_COPY_IMAGE || step == CopyImageSaga.SHARE_COPY) {
      return Duration.ofMinutes(10);
    }
    if (step == CopyImageSaga.AWAIT_COPY_USABLE) {
      return Duration.ofSeconds(timeoutSeconds);
    }
    if (step == CopyImageSaga.CANCEL_COPY_IMAGE) {
      return Duration.ofMinutes(30);
    }
    if (step == Step.FIND_SUBMITTED_IMAGE) {
      return configured.findSubmittedImage();
    }
    if (step == Step.COMPENSATE_DELETE_IMAGE) {
      return configured.compensateDeleteImage();
    }
    return null;
  }
}
