package com.ecsimagesaga.simulator.action;

import com.ecsimagesaga.simulator.DiskType;
import com.ecsimagesaga.simulator.SnapshotStatus;
import com.ecsimagesaga.simulator.http.ApiError;
import com.ecsimagesaga.simulator.http.RequestParams;
import com.ecsimagesaga.simulator.world.Ids;
import com.ecsimagesaga.simulator.world.InstanceRecord;
import com.ecsimagesaga.simulator.world.SnapshotRecord;
import com.ecsimagesaga.simulator.world.WorldState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DescribeSnapshots, CreateSnapshot and DeleteSnapshot. */
final class SnapshotActions {
  private SnapshotActions() {}

  /**
   * DescribeSnapshots with SnapshotIds (JSON array), Status (default all), SourceDiskType, paging.
   */
  static Map<String, Object> describe(ActionContext ctx) {
    RequestParams params = ctx.params();
    String regionId = ctx.regionId();
    Paging paging = Paging.of(ctx);
    List<String> ids = params.idList("SnapshotIds");
    if (ids.size() > 100) {
      throw new ApiError(
          403,
          "InvalidSnapshotIds.Malformed",
          "The specified SnapshotIds are beyond the permitted range.");
    }
    String status = params.get("Status", "all");
    String diskType = params.get("SourceDiskType");
    String diskId = params.get("DiskId");
    Instant now = ctx.now();
    List<SnapshotRecord> matches =
        ctx.state().region(regionId).snapshots.values().stream()
            .filter(s -> !s.deleted)
            .filter(s -> ids.isEmpty() || ids.contains(s.snapshotId))
            .filter(
                s ->
                    "all".equalsIgnoreCase(status) || status.equalsIgnoreCase(s.status(now).wire()))
            .filter(s -> diskType == null || diskType.equalsIgnoreCase(s.sourceDiskType.wire()))
            .filter(s -> diskId == null || diskId.equals(s.sourceDiskId))
            .toList();
    Map<String, Object> response = new LinkedHashMap<>();
    paging.describe(response, matches.size());
    response.put("NextToken", "");
    response.put(
        "Snapshots",
        Wire.wrap("Snapshot", paging.slice(matches).stream().map(s -> json(s, now)).toList()));
    return response;
  }

  /**
   * CreateSnapshot of an instance disk; the snapshot is progressing for the scaled snapshot
   * duration.
   */
  static Map<String, Object> create(ActionContext ctx) {
    String regionId = ctx.regionId();
    String diskId = ctx.params().required("DiskId");
    WorldState state = ctx.state();
    InstanceRecord.Disk disk =
        state.region(regionId).instances.values().stream()
            .flatMap(i -> i.disks.stream())
            .filter(d -> d.diskId().equals(diskId))
            .findFirst()
            .orElseThrow(
                () ->
                    new ApiError(
                        404, "InvalidDiskId.NotFound", "The specified disk does not exist."));
    SnapshotRecord snapshot = new SnapshotRecord();
    snapshot.snapshotId = Ids.next("s", regionId);
    snapshot.regionId = regionId;
    snapshot.name = ctx.params().get("SnapshotName", "");
    snapshot.sourceDiskId = diskId;
    snapshot.sourceDiskType = DiskType.fromWire(disk.type());
    snapshot.sizeGiB = disk.sizeGiB();
    snapshot.creationTime = ctx.now();
    snapshot.doneAt = ctx.now().plus(state.timings().snapshot());
    snapshot.resourceGroupId =
        ctx.params().get("ResourceGroupId", WorldState.DEFAULT_RESOURCE_GROUP);
    snapshot.tags.putAll(
        TagRules.parse(ctx.params(), new ApiError(400, "NumberExceed.Tags", "Too many tags.")));
    state.region(regionId).snapshots.put(snapshot.snapshotId, snapshot);
    return Map.of("SnapshotId", snapshot.snapshotId);
  }

  /** DeleteSnapshot; a snapshot referenced by a live image needs {@code Force=true}. */
  static Map<String, Object> delete(ActionContext ctx) {
    String regionId = ctx.regionId();
    String snapshotId = ctx.params().required("SnapshotId");
    SnapshotRecord snapshot =
        ctx.state()
            .liveSnapshot(regionId, snapshotId)
            .orElseThrow(
                () ->
                    new ApiError(
                        404,
                        "InvalidSnapshotId.NotFound",
                        "The specified SnapshotId does not exist."));
    boolean usedByImage =
        ctx.state().region(regionId).images.values().stream()
            .anyMatch(
                i ->
                    !i.deleted
                        && i.mappings.stream().anyMatch(m -> snapshotId.equals(m.snapshotId())));
    if (usedByImage && !ctx.params().bool("Force")) {
      throw new ApiError(
          403, "SnapshotCreatedImage", "The snapshot has been used to create a custom image.");
    }
    if (snapshot.status(ctx.now()) == SnapshotStatus.PROGRESSING) {
      throw new ApiError(403, "IncorrectSnapshotStatus", "The snapshot is still being created.");
    }
    snapshot.deleted = true;
    return Map.of();
  }

  private static Map<String, Object> json(SnapshotRecord s, Instant now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("SnapshotId", s.snapshotId);
    json.put("SnapshotName", s.name);
    json.put("Status", s.status(now).wire());
    json.put("Progress", s.progress(now) + "%");
    json.put("RemainTime", s.status(now) == SnapshotStatus.PROGRESSING ? 30 : 0);
    json.put("CreationTime", Wire.time(s.creationTime));
    json.put("LastModifiedTime", Wire.time(s.doneAt));
    json.put("SourceDiskId", s.sourceDiskId == null ? "" : s.sourceDiskId);
    json.put("SourceDiskType", s.sourceDiskType.wire());
    json.put("SourceDiskSize", String.valueOf(s.sizeGiB));
    json.put("Usage", s.usage);
    json.put("Available", s.status(now) == SnapshotStatus.ACCOMPLISHED);
    json.put("InstantAccess", false);
    json.put("Encrypted", s.encrypted);
    json.put("Category", "standard");
    json.put("SnapshotType", "user");
    json.put("RegionId", s.regionId);
    json.put("ResourceGroupId", s.resourceGroupId);
    json.put("Tags", Wire.tags(s.tags));
    return json;
  }
}
