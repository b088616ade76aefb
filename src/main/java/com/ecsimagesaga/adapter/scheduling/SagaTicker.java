package com.ecsimagesaga.adapter.scheduling;

import com.ecsimagesaga.adapter.persistence.OutboxWritten;
import com.ecsimagesaga.app.OutboxRelay;
import com.ecsimagesaga.app.SagaCoordinator;
import com.ecsimagesaga.app.StuckSagaDetector;
import com.ecsimagesaga.config.SagaConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The heartbeat: advances due sagas and relays the outbox (less often while the outbox stays empty,
 * and at once when this instance stores events). Every wake-up time lives in the database, so a
 * restart loses nothing.
 */
@ApplicationScoped
public class SagaTicker {

  @Inject SagaCoordinator coordinator;
  @Inject OutboxRelay relay;
  @Inject SagaConfig config;
  @Inject StuckSagaDetector detector;
  @Inject Vertx vertx;

  private PeriodicPass sagas;
  private PeriodicPass events;
  private PeriodicPass stuck;

  void start(@Observes StartupEvent ignored) {
    sagas =
        new PeriodicPass("saga", vertx, config.tick(), config.batchSize(), coordinator::advanceDue);
    events =
        new PeriodicPass(
            "outbox relay",
            vertx,
            config.relayInterval(),
            config.relayIdleInterval(),
            config.relayBatchSize(),
            relay::relayOnce);
    stuck =
        new PeriodicPass(
            "stuck saga check",
            vertx,
            config.stuckCheckInterval(),
            Integer.MAX_VALUE,
            detector::detectOnce);
    stuck.start(config.stuckCheckInterval());
    sagas.start(config.startDelay());
    events.start(config.startDelay());
  }

  /**
   * Events stored by this instance leave at once, even while the relay backs off from an empty
   * outbox.
   */
  void onOutboxWritten(@Observes OutboxWritten written) {
    if (events != null) {
      events.wake();
    }
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (sagas != null) {
      sagas.stop();
      events.stop();
      stuck.stop();
    }
  }
}
