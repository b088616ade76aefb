package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.ServiceInstances;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link ServiceInstances} in memory, as the {@code service_instance} table keeps them: a heartbeat
 * records the instance at the later of its stored and its new time, forgets instances whose last
 * heartbeat is older than {@code liveSince}, and counts those left; leaving removes the instance.
 * While {@link #down} is set every call fails, as it does while the database is away.
 */
public final class InMemoryServiceInstances implements ServiceInstances {

  private final Map<String, Instant> beats = new LinkedHashMap<>();
  private boolean down;

  /** Makes every call fail (true) or answer again (false). */
  public synchronized void down(boolean isDown) {
    down = isDown;
  }

  /** The instances recorded and their last heartbeats. */
  public synchronized Map<String, Instant> beats() {
    return Map.copyOf(beats);
  }

  @Override
  public synchronized Uni<Integer> heartbeat(String instanceId, Instant now, Instant liveSince) {
    if (down) {
      return away();
    }
    beats.merge(instanceId, now, (stored, given) -> stored.isAfter(given) ? stored : given);
    beats.values().removeIf(at -> at.isBefore(liveSince));
    return Uni.createFrom().item(beats.size());
  }

  @Override
  public synchronized Uni<Void> leave(String instanceId) {
    if (down) {
      return away();
    }
    beats.remove(instanceId);
    return Uni.createFrom().voidItem();
  }

  private static <T> Uni<T> away() {
    return Uni.createFrom().failure(new IllegalStateException("the database is away"));
  }
}
