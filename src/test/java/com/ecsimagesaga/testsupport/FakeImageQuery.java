package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.port.ImageQuery;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ImageQuery} on images held in memory by region and id, in any status: a known image is
 * answered as it was last put, an unknown one empty. While {@link #unreachable} is set every
 * question fails with a message that names the image, as the ECS adapter's does when ECS could not
 * be asked.
 */
public final class FakeImageQuery implements ImageQuery {

  private final Map<List<String>, ImageObservation> images = new HashMap<>();
  private String unreachable;

  /** Puts (or replaces) the image as ECS would report it in {@code regionId}. */
  public synchronized FakeImageQuery image(String regionId, ImageObservation image) {
    images.put(List.of(regionId, image.imageId()), image);
    return this;
  }

  /** Forgets the image, as ECS does once it is deleted. */
  public synchronized void remove(String regionId, String imageId) {
    images.remove(List.of(regionId, imageId));
  }

  /** Makes every question fail with this ECS error code (null: answer again). */
  public synchronized void unreachable(String errorCode) {
    unreachable = errorCode;
  }

  @Override
  public synchronized Uni<Optional<ImageObservation>> find(String regionId, String imageId) {
    if (unreachable != null) {
      return Uni.createFrom()
          .failure(
              new IllegalStateException(
                  "ECS could not be asked about " + imageId + ": " + unreachable));
    }
    return Uni.createFrom().item(Optional.ofNullable(images.get(List.of(regionId, imageId))));
  }
}
