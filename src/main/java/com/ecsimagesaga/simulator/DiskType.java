package com.ecsimagesaga.simulator;

/** Whether a disk (or the disk a snapshot was taken from) is the system disk or a data disk. */
public enum DiskType {
  SYSTEM("system"),
  DATA("data");

  private final String wire;

  DiskType(String wire) {
    this.wire = wire;
  }

  /** The lowercase value used in {@code DiskDeviceMapping.N.DiskType} and in responses. */
  public String wire() {
    return wire;
  }

  /** Parses the wire value case-insensitively; returns {@code null} for anything else. */
  public static DiskType fromWire(String value) {
    for (DiskType type : values()) {
      if (type.wire.equalsIgnoreCase(value)) {
        return type;
      }
    }
    return null;
  }
}
