package com.ecsimagesaga.simulator;

/**
 * Snapshot states with the lowercase wire names ECS uses ({@code progressing}, {@code
 * accomplished}, {@code failed}).
 */
public enum SnapshotStatus {
  PROGRESSING("progressing"),
  ACCOMPLISHED("accomplished"),
  FAILED("failed");

  private final String wire;

  SnapshotStatus(String wire) {
    this.wire = wire;
  }

  /** The value as it appears in requests and responses. */
  public String wire() {
    return wire;
  }
}
