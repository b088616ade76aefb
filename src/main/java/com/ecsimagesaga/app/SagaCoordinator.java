package com.ecsimagesaga.app;

import com.ecsimagesaga.port.CloudImageGateway;
import com.ecsimagesaga.port.EventEncoder;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Decision;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaDefinition;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Drives due sagas one step: lease them, make each one's cloud call, let its definition decide,
 * and store every decision with its events. The only place where saga decisions meet I/O.
 */
public final class SagaCoordinator {

  private static final Logger LOG = Logger.getLogger(SagaCoordinator.class);

  private final SagaStore store;
  private final CloudImageGateway gateway;
  private final EventEncoder encoder;
  private final SagaDefinitions definitions;
  private final Clock clock;
  private final String owner;
  private final int batchSize;
  private final Duration lease;

  public SagaCoordinator(SagaStore store, CloudImageGateway gateway, EventEncoder encoder, SagaDefinitions definitions,
      Clock clock, String owner, int batchSize, Duration lease) {
    this.store = store;
    this.gateway = gateway;
    this.encoder = encoder;
    this.definitions = definitions;
    this.clock = clock;
    this.owner = owner;
    this.batchSize = batchSize;
    this.lease = lease;
  }

  /** Advances every saga that is due now, up to the batch size. Completes with how many moved. */
  public Uni<Integer> advanceDue() {
    return store.claimDue(clock.instant(), batchSize, owner, lease).chain(this::advanceAll);
  }

  private Uni<Integer> advanceAll(List<Saga> sagas) {
    if (sagas.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    List<Uni<Optional<SagaStore.Transit>>> steps = sagas.stream().map(this::advance).toList();
    return Uni.join().all(steps).andFailFast()
        .map(results -> results.stream().flatMap(Optional::stream).toList())
        .chain(transits -> store.apply(transits, owner))
        .map(List::size);
  }

  private Uni<Optional<SagaStore.Transit>> advance(Saga s) {
    SagaDefinition definition = definitions.of(s.type());
    Optional<Decision> expired = definition.expire(s, clock.instant());
    if (expired.isPresent()) {
      return Uni.createFrom().item(Optional.of(transit(s, expired.get())));
    }
    return gateway.execute(definition.actionFor(s))
        .map(outcome -> Optional.of(transit(s, definition.decide(s, outcome, clock.instant()))))
        .onFailure().recoverWithItem(e -> {
          // A failure here is a defect, not a cloud error (those arrive as outcomes). The lease
          // runs out and the saga is tried again; the log says which saga and step.
          LOG.errorf(e, "EIS-2900 saga %s step %s attempt %d could not be advanced", s.id(), s.step(), s.attempt());
          return Optional.empty();
        });
  }

  private SagaStore.Transit transit(Saga s, Decision d) {
    Saga next = d.next();
    LOG.infof("EIS-2000 saga %s %s: %s -> %s [%s] attempt %d%s", s.id(), d.transition().trigger(), s.step(), next.step(),
        next.status(), next.attempt(), next.lastError() == null ? "" : " after " + next.lastError().code());
    var events = d.events().stream().map(encoder::encode).filter(Objects::nonNull).toList();
    return new SagaStore.Transit(next, s.version(), events);
  }
}
