package com.ecsimagesaga.saga.delete;

import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.StepTimeoutRules;
import java.time.Instant;
import java.util.Map;

/**
 * A request to delete an image, exactly as received.
 *
 * @param stepTimeoutSeconds the command's own step timeouts, by step name; empty when none
 * @param deleteCopies whether the copies the service made of the image are deleted too
 */
public record DeleteImageCommand(
    String commandId,
    Instant issuedAt,
    String regionId,
    String imageId,
    boolean force,
    boolean deleteSnapshots,
    Map<String, Integer> stepTimeoutSeconds,
    boolean deleteCopies)
    implements SagaKind.ImageCommand {

  public DeleteImageCommand {
    stepTimeoutSeconds = StepTimeoutRules.copyOf(stepTimeoutSeconds);
  }

  /** A delete that keeps the image's copies. */
  public DeleteImageCommand(
      String commandId,
      Instant issuedAt,
      String regionId,
      String imageId,
      boolean force,
      boolean deleteSnapshots,
      Map<String, Integer> stepTimeoutSeconds) {
    this(commandId, issuedAt, regionId, imageId, force, deleteSnapshots, stepTimeoutSeconds, false);
  }
}
