package com.ecsimagesaga.saga.copy;

import com.ecsimagesaga.image.ImageTag;
import java.util.List;

/**
 * One region a copy of an image is made in, and how that copy looks.
 *
 * @param imageName name of the copy, or null for ECS's default
 * @param description description of the copy, or null
 * @param encrypted whether the copy is encrypted
 * @param kmsKeyId KMS key of an encrypted copy, or null for the region's default key
 * @param tags the user's tags on the copy (the service adds its own)
 */
public record CopyDestination(
    String regionId,
    String imageName,
    String description,
    boolean encrypted,
    String kmsKeyId,
    List<ImageTag> tags) {

  public CopyDestination {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
