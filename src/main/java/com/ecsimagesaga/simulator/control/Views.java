package com.ecsimagesaga.simulator.control;

import com.ecsimagesaga.simulator.ImageView;
import com.ecsimagesaga.simulator.SnapshotView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON shapes of the control API (plain maps, so no extra Jackson modules are needed for Instant).
 */
final class Views {
  private Views() {}

  static List<Map<String, Object>> images(List<ImageView> images) {
    return images.stream().map(Views::image).toList();
  }

  static Map<String, Object> image(ImageView i) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("imageId", i.imageId());
    json.put("regionId", i.regionId());
    json.put("name", i.name());
    json.put("status", i.status().name());
    json.put("progress", i.progress());
    json.put("usable", i.usable());
    json.put("tags", i.tags());
    json.put("snapshotIds", i.snapshotIds());
    json.put("clientToken", i.clientToken());
    json.put("deleted", i.deleted());
    json.put("creationTime", i.creationTime().toString());
    json.put("usableAt", i.usableAt() == null ? null : i.usableAt().toString());
    return json;
  }

  static List<Map<String, Object>> snapshots(List<SnapshotView> snapshots) {
    return snapshots.stream().map(Views::snapshot).toList();
  }

  static Map<String, Object> snapshot(SnapshotView s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("snapshotId", s.snapshotId());
    json.put("regionId", s.regionId());
    json.put("sourceDiskId", s.sourceDiskId());
    json.put("sourceDiskType", s.sourceDiskType().wire());
    json.put("status", s.status().wire());
    json.put("creationTime", s.creationTime().toString());
    json.put("sizeGiB", s.sizeGiB());
    json.put("deleted", s.deleted());
    return json;
  }
}
