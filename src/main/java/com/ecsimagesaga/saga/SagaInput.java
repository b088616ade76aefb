package com.ecsimagesaga.saga;

import com.ecsimagesaga.image.ImageChanges;
import com.ecsimagesaga.image.ImageSpec;
import java.time.Duration;

/** What a saga was asked to do; fixed for the saga's whole life. */
public sealed interface SagaInput {

  /**
   * @param timeout overall deadline, or null for the default of the source kind
   * @param deleteSnapshotsOnFailure whether compensation also deletes the image's snapshots
   */
  record Create(ImageSpec spec, Duration timeout, boolean deleteSnapshotsOnFailure) implements SagaInput {}

  record Delete(String imageId, boolean force, boolean deleteSnapshots) implements SagaInput {}

  record Update(ImageChanges changes) implements SagaInput {}
}
