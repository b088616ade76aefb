package com.ecsimagesaga.adapter.scheduling;

import com.ecsimagesaga.app.OutboxRelay;
import com.ecsimagesaga.app.SagaCoordinator;
import com.ecsimagesaga.app.StuckSagaDetector;
import com.ecsimagesaga.config.SagaConfig;
import com.ecsimagesaga.port.OutboxWritten;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

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

  private final List<PeriodicPass> sagas = new ArrayList<>();
  private PeriodicPass events;
  private PeriodicPass stuck;

  void start(@Observes StartupEvent ignored) {
    int lanes = Math.max(1, config.passLanes());
    for (int lane = 0; lane < lanes; lane++) {
      PeriodicPass pass =
          new PeriodicPass(
              lanes == 1 ? "saga" : "saga lane " + (lane + 1),
              vertx,
              config.tick(),
              config.batchSize(),
              coordinator::advanceDue);
      // Lanes start a fraction of a tick apart, so their passes interleave rather than coincide.
      pass.start(config.startDelay().plus(config.tick().multipliedBy(lane).dividedBy(lanes)));
      sagas.add(pass);
    }
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
    sagas.forEach(PeriodicPass::stop);
    if (events != null) {
      events.stop();
      stuck.stop();
    }
  }
}
