package com.ecsimagesaga.simulator;

/** Custom image states with the exact spelling {@code DescribeImages} uses. */
public enum ImageStatus {
  Waiting,
  Creating,
  Available,
  UnAvailable,
  CreateFailed,
  Deprecated;

  /**
   * Parses a wire value case-insensitively; returns {@code null} for values ECS does not define.
   */
  public static ImageStatus fromWire(String value) {
    for (ImageStatus status : values()) {
      if (status.name().equalsIgnoreCase(value.trim())) {
        return status;
      }
    }
    return null;
  }
}
