package com.ecsimagesaga.port;

import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/** Asks the cloud what it holds for a saga, before a replay re-issues any call. */
public interface ImageLookup {

  /**
   * The id of a live (not deleted) image in {@code regionId} tagged {@code
   * ecs-image-saga/saga-id=<sagaId>}, or of the image with {@code knownImageId} if that one is
   * still listed. Completes empty when the cloud holds none. Fails when the cloud cannot be asked:
   * a replay must then not guess.
   */
  Uni<Optional<String>> liveImage(String regionId, UUID sagaId, String knownImageId);
}
