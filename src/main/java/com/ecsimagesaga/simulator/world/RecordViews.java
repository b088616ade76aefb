package com.ecsimagesaga.simulator.world;

import com.ecsimagesaga.simulator.ImageView;
import com.ecsimagesaga.simulator.SnapshotView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/** Conversions from the mutable records to the public, immutable views. */
public final class RecordViews {
  private RecordViews() {}

  /** The public view of an image at {@code now}. */
  public static ImageView image(ImageRecord i, Instant now) {
    ImageRecord.Phase phase = i.phase(now);
    List<String> snapshotIds =
        i.mappings.stream().map(ImageRecord.DiskMapping::snapshotId).toList();
    return new ImageView(
        i.imageId,
        i.regionId,
        i.name,
        phase.status(),
        phase.progress(),
        i.usable(now),
        new LinkedHashMap<>(i.tags),
        snapshotIds,
        i.clientToken,
        i.deleted,
        i.creationTime,
        i.usableAt());
  }

  /** The public view of a snapshot at {@code now}. */
  public static SnapshotView snapshot(SnapshotRecord s, Instant now) {
    return new SnapshotView(
        s.snapshotId,
        s.regionId,
        s.sourceDiskId,
        s.sourceDiskType,
        s.status(now),
        s.creationTime,
        s.sizeGiB,
        s.deleted);
  }
}
