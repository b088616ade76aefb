package com.ecsimagesaga.image;

import java.util.List;
import java.util.Map;

/**
 * What ECS reported about one image at one moment.
 *
 * @param progress creation progress in percent, 0-100
 * @param usable whether ECS says instances can be launched from the image now
 * @param tags the image's tags
 * @param attributes the other attributes ECS reports (Description, ImageFamily, BootMode, ...), by
 *     their ECS names
 */
public record ImageObservation(
    String imageId,
    String imageName,
    ImageState state,
    int progress,
    boolean usable,
    List<String> snapshotIds,
    Map<String, String> tags,
    Map<String, String> attributes) {

  public ImageObservation {
    snapshotIds = snapshotIds == null ? List.of() : List.copyOf(snapshotIds);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public ImageObservation(
      String imageId,
      String imageName,
      ImageState state,
      int progress,
      boolean usable,
      List<String> snapshotIds) {
    this(imageId, imageName, state, progress, usable, snapshotIds, Map.of(), Map.of());
  }
}
