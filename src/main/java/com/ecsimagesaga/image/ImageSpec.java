package com.ecsimagesaga.image;

import java.util.List;

/**
 * Everything a user can say about an image to be created; the inputs of the alicloud image
 * resource. Optional attributes are null when not given, so ECS applies its own defaults.
 */
public record ImageSpec(
    String regionId,
    ImageSource source,
    String imageName,
    String description,
    String architecture,
    String platform,
    String resourceGroupId,
    List<ImageTag> tags,
    String bootMode,
    String imageFamily,
    String imageVersion,
    String detectionStrategy) {

  public ImageSpec {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
