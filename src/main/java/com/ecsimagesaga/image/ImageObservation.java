package com.ecsimagesaga.image;

import java.util.List;

/**
 * What ECS reported about one image at one moment.
 *
 * @param progress creation progress in percent, 0-100
 * @param usable whether ECS says instances can be launched from the image now
 */
public record ImageObservation(
    String imageId,
    String imageName,
    ImageState state,
    int progress,
    boolean usable,
    List<String> snapshotIds) {

  public ImageObservation {
    snapshotIds = snapshotIds == null ? List.of() : List.copyOf(snapshotIds);
  }
}
