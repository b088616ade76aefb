package com.ecsimagesaga.image;

/**
 * One disk of an image made from disk device mappings.
 *
 * @param device device name such as {@code /dev/xvda}, or null to let ECS choose
 * @param diskType {@code system} or {@code data}
 * @param snapshotId source snapshot, or null for an empty data disk
 * @param sizeGiB size in GiB, or null for the snapshot's size or the ECS default
 */
public record DiskMapping(String device, String diskType, String snapshotId, Integer sizeGiB) {
  public boolean isSystem() {
    return "system".equals(diskType);
  }
}
