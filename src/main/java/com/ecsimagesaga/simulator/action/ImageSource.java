package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.world.InstanceRecord;
import java.util.List;

/**
 * Where a new image's disks come from, resolved and checked before anything is committed.
 *
 * @param instance the source instance (its disks are snapshotted at commit), or null
 * @param disks the disks of the image in device order
 */
record ImageSource(InstanceRecord instance, List<PlannedDisk> disks) {

  /**
   * One disk of the image.
   *
   * @param device device name, e.g. {@code /dev/xvda}
   * @param type {@code system} or {@code data}
   * @param snapshotId existing snapshot to use, or null
   * @param sourceDiskId instance disk to snapshot at commit, or null
   * @param sizeGiB disk size in GiB
   */
  record PlannedDisk(
      String device, String type, String snapshotId, String sourceDiskId, int sizeGiB) {}

  /** Size of the system disk, which ECS reports as the image size. */
  int systemSizeGiB() {
    return disks.stream()
        .filter(d -> "system".equals(d.type()))
        .mapToInt(PlannedDisk::sizeGiB)
        .findFirst()
        .orElse(0);
  }
}
