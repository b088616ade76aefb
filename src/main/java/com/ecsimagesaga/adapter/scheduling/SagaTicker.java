package com.ecsimagesaga.adapter.scheduling;

import com.ecsimagesaga.app.OutboxRelay;
import com.ecsimagesaga.app.SagaCoordinator;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The heartbeat: advances due sagas and relays the outbox on fixed intervals. Every wake-up time
 * lives in the database, so a restart loses nothing; a pass that is still running is never
 * started twice.
 */
@ApplicationScoped
public class SagaTicker {

  private static final Logger LOG = Logger.getLogger(SagaTicker.class);

  @Inject SagaCoordinator coordinator;
  @Inject OutboxRelay relay;

  @Scheduled(every = "${saga.tick}", delayed = "${saga.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> advanceSagas() {
    return coordinator.advanceDue()
        .onFailure().invoke(e -> LOG.warnf("EIS-2901 saga pass failed: %s", e.toString()))
        .onFailure().recoverWithItem(0)
        .replaceWithVoid();
  }

  @Scheduled(every = "${saga.relay-interval}", delayed = "${saga.start-delay}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> relayEvents() {
    return relay.relayOnce()
        .onFailure().invoke(e -> LOG.warnf("EIS-4001 outbox relay pass failed: %s", e.toString()))
        .onFailure().recoverWithItem(0)
        .replaceWithVoid();
  }
}
