package com.ecsimagesaga.saga.create;

import com.ecsimagesaga.image.DiskMapping;
import com.ecsimagesaga.image.ImageTag;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.StepTimeoutRules;
import com.ecsimagesaga.saga.copy.Distribution;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request to create an image, exactly as received: nothing here is validated yet. {@link
 * CreateImageRules} turns it into an {@link com.ecsimagesaga.image.ImageSpec} or a list of
 * violations.
 *
 * @param stepTimeoutSeconds the command's own step timeouts, by step name; empty when none
 * @param distribution where the image is copied and whom it is shared with once usable; null for
 *     nowhere
 */
public record CreateImageCommand(
    String commandId,
    Instant issuedAt,
    String regionId,
    String instanceId,
    String snapshotId,
    List<DiskMapping> diskDeviceMappings,
    String imageName,
    String deprecatedName,
    String description,
    String architecture,
    String platform,
    String resourceGroupId,
    List<ImageTag> tags,
    String bootMode,
    String imageFamily,
    String imageVersion,
    String detectionStrategy,
    Integer timeoutSeconds,
    boolean deleteSnapshotsOnFailure,
    Map<String, Integer> stepTimeoutSeconds,
    Distribution distribution)
    implements SagaKind.Command {

  public CreateImageCommand {
    stepTimeoutSeconds = StepTimeoutRules.copyOf(stepTimeoutSeconds);
    diskDeviceMappings = diskDeviceMappings == null ? List.of() : List.copyOf(diskDeviceMappings);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The name the image gets: {@code imageName}, or the deprecated {@code name} when not given. */
  @Override
  public String subject() {
    return imageName != null ? imageName : deprecatedName;
  }

  /** The key a create must be published under: {@code <regionId>/<image name>}. */
  @Override
  public String expectedKey() {
    return regionId + "/" + subject();
  }
}
