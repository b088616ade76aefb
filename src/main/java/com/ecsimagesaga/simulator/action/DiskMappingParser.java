package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.DiskType;
import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.http.RequestParams;
import com.ecsimagesaga.simulator.world.SnapshotRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code DiskDeviceMapping.N.{SnapshotId,Size,DiskType,Device}}: at most one system and 16 data
 * disks, system on {@code /dev/xvda}, data on {@code /dev/xvdb..z} (or {@code /dev/vd*}), sizes
 * within the documented ranges.
 */
final class DiskMappingParser {
  private static final int MAX_SIZE_GIB = 32768;

  /**
   * An empty mapping (no snapshot): 5..2000 GiB for a basic disk, 20..32768 GiB for other
   * categories (CreateImage reference, {@code DiskDeviceMapping.N.Size}). A mapping names no
   * category, so the simulator accepts the union, 5..32768 GiB, and makes 5 GiB (the basic disk's
   * default) the default size.
   */
  private static final int MIN_EMPTY_DISK_GIB = 5;

  private final ImageSourceResolver resolver;

  DiskMappingParser(ImageSourceResolver resolver) {
    this.resolver = resolver;
  }

  ImageSource parse(RequestParams params) {
    List<Integer> indices = params.indices("DiskDeviceMapping");
    if (indices.size() > 17) {
      throw ApiError.invalid("DiskDeviceMapping");
    }
    List<ImageSource.PlannedDisk> disks = new ArrayList<>();
    Set<String> devices = new HashSet<>();
    for (int index : indices) {
      disks.add(one(params, "DiskDeviceMapping." + index + ".", devices));
    }
    long systems = disks.stream().filter(d -> "system".equals(d.type())).count();
    if (systems != 1) {
      throw new ApiError(
          400,
          "OperationDenied",
          systems == 0
              ? "The DiskDeviceMapping must contain one system disk snapshot."
              : "The DiskDeviceMapping contains more than one system disk snapshot.");
    }
    List<ImageSource.PlannedDisk> ordered = new ArrayList<>();
    disks.stream().filter(d -> "system".equals(d.type())).forEach(ordered::add);
    disks.stream()
        .filter(d -> !"system".equals(d.type()))
        .map(d -> withDevice(d, devices))
        .forEach(ordered::add);
    return new ImageSource(null, ordered);
  }

  private ImageSource.PlannedDisk one(RequestParams params, String prefix, Set<String> devices) {
    String snapshotId = params.get(prefix + "SnapshotId");
    SnapshotRecord snapshot = snapshotId == null ? null : resolver.usableSnapshot(snapshotId);
    String typeValue = params.get(prefix + "DiskType");
    DiskType type =
        typeValue == null
            ? (snapshot == null ? DiskType.DATA : snapshot.sourceDiskType)
            : DiskType.fromWire(typeValue);
    if (type == null) {
      throw new ApiError(
          400, "InvalidDiskType.ValueNotSupported", "The specified DiskType is not supported.");
    }
    if (type == DiskType.SYSTEM && snapshot == null) {
      throw new ApiError(
          403, "InvalidSystemSnapshot.Missing", "The system disk mapping must name a snapshot.");
    }
    String device = params.get(prefix + "Device");
    if (device != null) {
      boolean valid =
          type == DiskType.SYSTEM ? device.matches("/dev/x?vda") : device.matches("/dev/x?vd[b-z]");
      if (!valid) {
        throw new ApiError(
            400, "InvalidDevice.Malformed", "The specified device name is not valid.");
      }
      if (!devices.add(device.replace("/dev/vd", "/dev/xvd"))) {
        throw new ApiError(
            400, "InvalidDevice.InUse", "The specified device is already used by another mapping.");
      }
    } else if (type == DiskType.SYSTEM) {
      device = "/dev/xvda";
      devices.add(device);
    }
    int minimum = snapshot == null ? MIN_EMPTY_DISK_GIB : snapshot.sizeGiB;
    int size = params.intValue(prefix + "Size", minimum);
    if (size < minimum || size > MAX_SIZE_GIB) {
      throw new ApiError(
          400, "InvalidSize.ValueNotSupported", "The specified disk size is not supported.");
    }
    return new ImageSource.PlannedDisk(device, type.wire(), snapshotId, null, size);
  }

  // Data mappings without a device get the next free /dev/xvdN, as ECS assigns them.
  private static ImageSource.PlannedDisk withDevice(
      ImageSource.PlannedDisk disk, Set<String> devices) {
    if (disk.device() != null) {
      return disk;
    }
    for (char c = 'b'; c <= 'z'; c++) {
      String device = "/dev/xvd" + c;
      if (devices.add(device)) {
        return new ImageSource.PlannedDisk(
            device, disk.type(), disk.snapshotId(), null, disk.sizeGiB());
      }
    }
    throw new ApiError(400, "InvalidDevice.Malformed", "No free device name is left.");
  }
}
