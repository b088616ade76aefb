package com.ecsimagesaga.app;

import com.ecsimagesaga.port.EventEncoder;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaEvent;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Finds sagas that stopped moving (overdue for their next step, or past their deadline without
 * ending) and reports each stuck state once with a SagaStuck event, so nothing stays "running"
 * forever without anyone hearing of it.
 */
public final class StuckSagaDetector {

  private static final Logger LOG = Logger.getLogger(StuckSagaDetector.class);

  private final SagaStore store;
  private final EventEncoder encoder;
  private final Clock clock;
  private final Duration threshold;

  public StuckSagaDetector(SagaStore store, EventEncoder encoder, Clock clock, Duration threshold) {
    this.store = store;
    this.encoder = encoder;
    this.clock = clock;
    this.threshold = threshold;
  }

  /** One look; completes with how many new stuck states were reported. */
  public Uni<Integer> detectOnce() {
    Instant now = clock.instant();
    Instant overdueBefore = now.minus(threshold);
    return store
        .findStuck(overdueBefore, 100)
        .chain(
            stuck ->
                store.appendOnce(
                    stuck.stream()
                        .map(
                            s -> {
                              String reason =
                                  s.deadlineAt() != null && s.deadlineAt().isBefore(overdueBefore)
                                      ? "past its deadline "
                                          + s.deadlineAt()
                                          + " by more than "
                                          + threshold
                                          + " without ending"
                                      : "due since "
                                          + s.nextWakeAt()
                                          + " but not advanced for more than "
                                          + threshold;
                              LOG.warnf(
                                  "EIS-2500 saga %s is stuck in %s [%s] attempt %d: %s",
                                  s.id(), s.step(), s.status(), s.attempt(), reason);
                              return encoder.encode(report(s, now, reason));
                            })
                        .toList()));
  }

  static SagaEvent.SagaStuck report(Saga s, Instant now, String reason) {
    return new SagaEvent.SagaStuck(
        SagaEvent.stableId(s.id(), s.version(), "SagaStuck"),
        s.id(),
        s.commandId(),
        now,
        s.regionId(),
        s.type().name(),
        s.status().name(),
        s.step().name(),
        s.attempt(),
        reason);
  }
}
