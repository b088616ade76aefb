package com.ecsimagesaga.saga.copy;

import com.ecsimagesaga.saga.SagaInput;
import com.ecsimagesaga.saga.Step;
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
  public Duration defaultStepTimeout(Step step) {
    return switch (step) {
      case SUBMIT_COPY_IMAGE, SHARE_COPY -> Duration.ofMinutes(10);
      case AWAIT_COPY_USABLE -> Duration.ofSeconds(timeoutSeconds);
      case CANCEL_COPY_IMAGE -> Duration.ofMinutes(30);
      default -> null;
    };
  }
}
