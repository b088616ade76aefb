package com.ecsimagesaga.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Read-only view of one custom image at the moment it was taken, for assertions in tests.
 *
 * @param imageId the {@code m-...} id
 * @param regionId region that holds the image
 * @param name image name, empty when none was given
 * @param status status derived from the simulator clock
 * @param progress progress in percent (0..100)
 * @param usable whether instances could be launched from it now
 * @param tags tag key to value, in insertion order
 * @param snapshotIds snapshots the image references
 * @param clientToken the ClientToken of the creating request, or {@code null}
 * @param deleted whether the image was deleted
 * @param creationTime when CreateImage committed it
 * @param usableAt when the image becomes (or became) usable on the simulator clock, or {@code null}
 *     when a fault keeps it from ever becoming usable
 */
public record ImageView(
    String imageId,
    String regionId,
    String name,
    ImageStatus status,
    int progress,
    boolean usable,
    Map<String, String> tags,
    List<String> snapshotIds,
    String clientToken,
    boolean deleted,
    Instant creationTime,
    Instant usableAt) {}
