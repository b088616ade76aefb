package com.ecsimagesaga.saga.update;

import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.StepTimeoutRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request to change an existing image, exactly as received.
 *
 * @param stepTimeoutSeconds the command's own step timeouts, by step name; empty when none
 */
public record UpdateImageCommand(
    String commandId,
    Instant issuedAt,
    String regionId,
    String imageId,
    String imageName,
    String description,
    String imageFamily,
    String bootMode,
    Boolean deprecated,
    List<ImageTag> addTags,
    List<String> removeTagKeys,
    String resourceGroupId,
    Map<String, Integer> stepTimeoutSeconds)
    implements SagaKind.ImageCommand {

  public UpdateImageCommand {
    stepTimeoutSeconds = StepTimeoutRules.copyOf(stepTimeoutSeconds);
    addTags = addTags == null ? List.of() : List.copyOf(addTags);
    removeTagKeys = removeTagKeys == null ? List.of() : List.copyOf(removeTagKeys);
  }
}
