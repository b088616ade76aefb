package com.ecsimagesaga.image;

/**
 * What ECS reported about an instance that is the source of an image.
 *
 * @param status ECS instance status: Pending, Starting, Running, Stopping or Stopped
 * @param securityLocked whether the instance carries a security operation lock
 */
public record InstanceObservation(String instanceId, String status, boolean securityLocked) {

  /** ECS creates images only from Running or Stopped instances. */
  public boolean canBeImaged() {
    return !securityLocked && ("Running".equals(status) || "Stopped".equals(status));
  }

  /** Starting and Stopping pass by themselves; waiting for them is worthwhile. */
  public boolean isTransitioning() {
    return "Pending".equals(status) || "Starting".equals(status) || "Stopping".equals(status);
  }
}
