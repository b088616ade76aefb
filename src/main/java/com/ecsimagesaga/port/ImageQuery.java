package com.ecsimagesaga.port;

import com.ecsimagesaga.image.ImageObservation;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Reads the current attributes of any image, the way the alicloud resource looks up an existing
 * image.
 */
public interface ImageQuery {

  /**
   * The image as ECS reports it now, in any status.
   *
   * @return empty when ECS does not know the image; fails with a message when ECS could not be
   *     asked
   */
  Uni<Optional<ImageObservation>> find(String regionId, String imageId);
}
