package com.ecsimagesaga.image;

import java.util.List;

/** Where an image is made from. ECS accepts exactly one of these per image in this service. */
public sealed interface ImageSource {

  /** Short name used in logs, events and metrics. */
  String kind();

  /** An instance's disks, snapshotted by ECS as part of the creation. */
  record FromInstance(String instanceId) implements ImageSource {
    @Override
    public String kind() {
      return "instance";
    }
  }

  /** An existing system-disk snapshot. */
  record FromSnapshot(String snapshotId) implements ImageSource {
    @Override
    public String kind() {
      return "snapshot";
    }
  }

  /** One system disk and up to sixteen data disks. */
  record FromDiskMappings(List<DiskMapping> mappings) implements ImageSource {
    public FromDiskMappings {
      mappings = List.copyOf(mappings);
    }

    @Override
    public String kind() {
      return "disk-mappings";
    }
  }
}
