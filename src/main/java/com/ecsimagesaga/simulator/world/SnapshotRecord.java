package com.ecsimagesaga.simulator.world;

import com.ecsimagesaga.simulator.DiskType;
import com.ecsimagesaga.simulator.SnapshotStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mutable state of one snapshot. A snapshot made by the simulator is {@code progressing} until
 * {@link #doneAt}; a seeded one has a fixed status. Guarded by the {@link WorldState} lock.
 */
public final class SnapshotRecord {
  public String snapshotId;
  public String regionId;
  public String name = "";
  public String sourceDiskId;
  public DiskType sourceDiskType;
  public int sizeGiB;
  public Instant creationTime;
  public Instant doneAt;
  public SnapshotStatus fixedStatus;
  public boolean encrypted;
  public boolean deleted;
  public String usage = "none";
  public String resourceGroupId;
  public final Map<String, String> tags = new LinkedHashMap<>();

  /** Status at {@code now}. */
  public SnapshotStatus status(Instant now) {
    if (fixedStatus != null) {
      return fixedStatus;
    }
    return now.isBefore(doneAt) ? SnapshotStatus.PROGRESSING : SnapshotStatus.ACCOMPLISHED;
  }

  /** Progress in percent at {@code now}. */
  public int progress(Instant now) {
    SnapshotStatus status = status(now);
    if (status != SnapshotStatus.PROGRESSING) {
      return status == SnapshotStatus.ACCOMPLISHED ? 100 : 0;
    }
    long total = Duration.between(creationTime, doneAt).toNanos();
    long done = Duration.between(creationTime, now).toNanos();
    return total <= 0 ? 99 : (int) Math.min(99, done * 100 / total);
  }
}
