package com.ecsimagesaga.simulator;

/** Lifecycle states of an ECS instance as {@code DescribeInstances} reports them. */
public enum InstanceStatus {
  Pending,
  Starting,
  Running,
  Stopping,
  Stopped;

  /**
   * Whether ECS accepts {@code CreateImage} from an instance in this state (Running or Stopped
   * only).
   */
  public boolean allowsImaging() {
    return this == Running || this == Stopped;
  }
}
