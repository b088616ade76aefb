package com.ecsimagesaga.port;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Numbers about the whole service, for gauges and alerts. */
public interface OperationsStats {

  /**
   * Counts read in one go.
   *
   * @param sagas sagas by "TYPE/STATUS" (for example "CREATE_IMAGE/FAILED")
   * @param outboxBacklog events not yet published
   * @param oldestUnpublishedSeconds age of the oldest unpublished event, 0 when none waits
   * @param stuckSagas non-terminal sagas whose wake-up time passed more than the given threshold
   *     ago
   */
  record Snapshot(
      Map<String, Long> sagas,
      long outboxBacklog,
      double oldestUnpublishedSeconds,
      long stuckSagas) {}

  /** Reads the numbers; a saga due before {@code now - stuckAfter} counts as stuck. */
  Uni<Snapshot> snapshot(Instant now, Duration stuckAfter);
}
