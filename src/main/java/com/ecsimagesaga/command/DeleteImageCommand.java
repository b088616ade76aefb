package com.ecsimagesaga.command;

import java.time.Instant;
import java.util.Map;

/**
 * A request to delete an image, exactly as received.
 *
 * @param stepTimeoutSeconds the command's own step timeouts, by step name; empty when none
 */
public record DeleteImageCommand(
    String commandId,
    Instant issuedAt,
    String regionId,
    String imageId,
    boolean force,
    boolean deleteSnapshots,
    Map<String, Integer> stepTimeoutSeconds) {

  public DeleteImageCommand {
    stepTimeoutSeconds = StepTimeoutRules.copyOf(stepTimeoutSeconds);
  }
}
