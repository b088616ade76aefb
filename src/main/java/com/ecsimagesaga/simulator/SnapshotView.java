package com.ecsimagesaga.simulator;

import java.time.Instant;

/**
 * Read-only view of one snapshot.
 *
 * @param snapshotId the {@code s-...} id
 * @param regionId region of the snapshot
 * @param sourceDiskId disk the snapshot was taken from, or {@code null} for seeded ones
 * @param sourceDiskType system or data disk
 * @param status status derived from the simulator clock
 * @param creationTime creation time
 * @param sizeGiB source disk size in GiB
 * @param deleted whether the snapshot was deleted
 */
public record SnapshotView(
    String snapshotId,
    String regionId,
    String sourceDiskId,
    DiskType sourceDiskType,
    SnapshotStatus status,
    Instant creationTime,
    int sizeGiB,
    boolean deleted) {}
