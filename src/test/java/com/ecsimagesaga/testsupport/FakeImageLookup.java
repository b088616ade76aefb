package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.ImageLookup;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ImageLookup} on a list of live images held in memory, each in a region and tagged with the
 * saga that made it. It answers as {@code EcsImageLookup} reads the port's contract: among the live
 * images of the region tagged with the saga, the one with the known id if it is listed, otherwise
 * the first; empty when there is none. While {@link #unreachable} is set it fails, as it does when
 * the cloud cannot be asked. Every question is counted.
 */
public final class FakeImageLookup implements ImageLookup {

  /** A live image of the cloud, as a DescribeImages by saga tag would list it. */
  private record LiveImage(String regionId, String imageId, UUID sagaId) {}

  private final List<LiveImage> images = new ArrayList<>();
  private RuntimeException unreachable;
  private int calls;

  /** Puts a live image in {@code regionId}, tagged with {@code sagaId}. */
  public synchronized FakeImageLookup image(String regionId, String imageId, UUID sagaId) {
    images.add(new LiveImage(regionId, imageId, sagaId));
    return this;
  }

  /** Makes every lookup fail with {@code why} (null: answer again). */
  public synchronized void unreachable(RuntimeException why) {
    unreachable = why;
  }

  /** How many lookups were asked. */
  public synchronized int calls() {
    return calls;
  }

  @Override
  public synchronized Uni<Optional<String>> liveImage(
      String regionId, UUID sagaId, String knownImageId) {
    calls++;
    if (unreachable != null) {
      return Uni.createFrom().failure(unreachable);
    }
    List<String> tagged =
        images.stream()
            .filter(i -> i.regionId().equals(regionId) && i.sagaId().equals(sagaId))
            .map(LiveImage::imageId)
            .toList();
    return Uni.createFrom()
        .item(
            tagged.stream()
                .filter(id -> id.equals(knownImageId))
                .findFirst()
                .or(() -> tagged.stream().findFirst()));
  }
}
