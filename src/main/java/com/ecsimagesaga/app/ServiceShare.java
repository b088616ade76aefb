package com.ecsimagesaga.app;

import com.ecsimagesaga.port.LiveInstances;
import com.ecsimagesaga.port.ServiceInstances;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * How many instances of the service are alive, so that each takes {@code 1 / n} of the service-wide
 * ECS rate budget. Every instance beats every few seconds; an instance that stops beating (crashed,
 * cut off) stops counting once its last beat is older than {@code expiry}. When a beat fails (the
 * database is away) the last count stands: the instances keep their shares rather than each taking
 * the whole budget. The count is read on every ECS call and costs no database round trip. See
 * docs/adr/0006-service-wide-rate-budget.md.
 */
public final class ServiceShare implements LiveInstances {

  private static final Logger LOG = Logger.getLogger(ServiceShare.class);

  private final ServiceInstances instances;
  private final Clock clock;
  private final String instanceId;
  private final Duration expiry;
  private final AtomicInteger live = new AtomicInteger(1);
  private final AtomicReference<Instant> lastBeat = new AtomicReference<>();

  public ServiceShare(ServiceInstances instances, Clock clock, String instanceId, Duration expiry) {
    this.instances = instances;
    this.clock = clock;
    this.instanceId = instanceId;
    this.expiry = expiry;
  }

  /** One heartbeat; completes with the number of live instances it counted. */
  public Uni<Integer> beat() {
    var now = clock.instant();
    return instances
        .heartbeat(instanceId, now, now.minus(expiry))
        .invoke(
            n -> {
              lastBeat.set(now);
              int counted = Math.max(1, n);
              int before = live.getAndSet(counted);
              if (before != counted) {
                LOG.infof(
                    "EIS-2101 %d live instance(s) share the ECS rate budget (was %d); this one is %s",
                    counted, before, instanceId);
              }
            });
  }

  /** Leaves the count at shutdown. */
  public Uni<Void> leave() {
    return instances.leave(instanceId);
  }

  /**
   * Whether this instance's last successful heartbeat was written at or after {@code since}: the
   * others see it alive, and leave its leases alone, as long as that is true of their takeover
   * limit. False before the first heartbeat.
   */
  public boolean beatSince(Instant since) {
    Instant last = lastBeat.get();
    return last != null && !last.isBefore(since);
  }

  /** Live instances as of the last successful heartbeat; 1 before the first. */
  @Override
  public int liveInstances() {
    return live.get();
  }

  public String instanceId() {
    return instanceId;
  }
}
