package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.image.ImageSource;
import com.ecsimagesaga.image.ImageSpec;
import java.util.List;

/** Image specs for tests that need a valid create and nothing more. */
public final class ImageSpecs {

  private ImageSpecs() {}

  /** An image of an instance with only a name: no description, tags or other optional input. */
  public static ImageSpec fromInstance(String regionId, String instanceId, String imageName) {
    return new ImageSpec(
        regionId,
        new ImageSource.FromInstance(instanceId),
        imageName,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null,
        null,
        null);
  }
}
