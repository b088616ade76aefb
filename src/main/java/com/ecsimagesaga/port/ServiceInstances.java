package com.ecsimagesaga.port;

import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * The instances of the service that are alive, known by their heartbeats in the shared database.
 */
public interface ServiceInstances {

  /**
   * Records that {@code instanceId} is alive at {@code now}, forgets instances whose last heartbeat
   * is older than {@code liveSince}, and counts the instances that remain (this one included).
   */
  Uni<Integer> heartbeat(String instanceId, Instant now, Instant liveSince);

  /**
   * Removes {@code instanceId} at shutdown, so the others need not wait for its heartbeat to
   * expire.
   */
  Uni<Void> leave(String instanceId);
}
