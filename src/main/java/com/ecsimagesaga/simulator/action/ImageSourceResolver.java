package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.DiskType;
import com.ecsimagesaga.simulator.SnapshotStatus;
import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.http.RequestParams;
import com.ecsimagesaga.simulator.world.InstanceRecord;
import com.ecsimagesaga.simulator.world.SnapshotRecord;
import com.ecsimagesaga.simulator.world.WorldState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the source of CreateImage. ECS does not reject several sources but picks one by
 * priority: InstanceId, then DiskDeviceMapping, then SnapshotId.
 */
final class ImageSourceResolver {
  /** Snapshots created on or before 2013-07-15 cannot become images. */
  static final Instant OLDEST_USABLE_SNAPSHOT = Instant.parse("2013-07-16T00:00:00Z");

  private final WorldState state;
  private final String regionId;
  private final Instant now;

  ImageSourceResolver(WorldState state, String regionId) {
    this.state = state;
    this.regionId = regionId;
    this.now = state.now();
  }

  ImageSource resolve(RequestParams params) {
    if (params.get("InstanceId") != null) {
      return fromInstance(params.get("InstanceId"));
    }
    if (!params.indices("DiskDeviceMapping").isEmpty()) {
      return new DiskMappingParser(this).parse(params);
    }
    if (params.get("SnapshotId") != null) {
      SnapshotRecord snapshot = usableSnapshot(params.get("SnapshotId"));
      if (snapshot.sourceDiskType != DiskType.SYSTEM) {
        throw new ApiError(
            403, "OperationDenied", "The specified snapshot is not from system disk.");
      }
      return new ImageSource(
          null,
          List.of(
              new ImageSource.PlannedDisk(
                  "/dev/xvda", "system", snapshot.snapshotId, null, snapshot.sizeGiB)));
    }
    throw new ApiError(
        400,
        "MissingParameter",
        "SnapshotId or InstanceId or DiskDeviceMapping should not be empty.");
  }

  private ImageSource fromInstance(String instanceId) {
    InstanceRecord instance = state.region(regionId).instances.get(instanceId);
    if (instance == null) {
      throw new ApiError(
          404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist.");
    }
    if (instance.locks.containsKey("security")) {
      throw new ApiError(
          400,
          "InstanceLockedForSecurity",
          "The specified operation is denied as your instance is locked for security reasons.");
    }
    if (!instance.status.allowsImaging()) {
      throw new ApiError(
          400,
          "IncorrectInstanceStatus",
          "The current status of the resource does not support this operation.");
    }
    List<ImageSource.PlannedDisk> disks = new ArrayList<>();
    for (InstanceRecord.Disk disk : instance.disks) {
      disks.add(
          new ImageSource.PlannedDisk(
              disk.device(), disk.type(), null, disk.diskId(), disk.sizeGiB()));
    }
    return new ImageSource(instance, disks);
  }

  /** A snapshot that exists, is accomplished, not too old and not encrypted. */
  SnapshotRecord usableSnapshot(String snapshotId) {
    SnapshotRecord snapshot =
        state
            .liveSnapshot(regionId, snapshotId)
            .orElseThrow(
                () ->
                    new ApiError(
                        404,
                        "InvalidSnapshotId.NotFound",
                        "The specified SnapshotId does not exist."));
    if (snapshot.status(now) != SnapshotStatus.ACCOMPLISHED) {
      throw new ApiError(
          403, "InvalidSnapshotId.NotReady", "The specified snapshot has not completed yet.");
    }
    if (snapshot.creationTime.isBefore(OLDEST_USABLE_SNAPSHOT)) {
      throw new ApiError(
          403,
          "InvalidSnapshot.TooOld",
          "This operation is denied because the specified snapshot is created before 2013-07-15.");
    }
    if (snapshot.encrypted) {
      throw new ApiError(400, "OperationDenied", "The specified snapshot is encrypted.");
    }
    return snapshot;
  }
}
