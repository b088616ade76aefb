package com.ecsimagesaga.image;

import java.util.Arrays;
import java.util.Optional;

/** ECS image statuses as DescribeImages reports them. */
public enum ImageState {
  WAITING("Waiting"),
  CREATING("Creating"),
  AVAILABLE("Available"),
  UNAVAILABLE("UnAvailable"),
  CREATE_FAILED("CreateFailed"),
  DEPRECATED("Deprecated");

  private final String ecsName;

  ImageState(String ecsName) {
    this.ecsName = ecsName;
  }

  /** The status name on the ECS wire. */
  public String ecsName() {
    return ecsName;
  }

  /** Maps an ECS status name; empty for a name this service does not know. */
  public static Optional<ImageState> fromEcs(String name) {
    return Arrays.stream(values()).filter(s -> s.ecsName.equalsIgnoreCase(name)).findFirst();
  }

  /** The comma list of every status, for DescribeImages, whose default shows only Available. */
  public static String allEcsNames() {
    return String.join(",", Arrays.stream(values()).map(ImageState::ecsName).toList());
  }
}
