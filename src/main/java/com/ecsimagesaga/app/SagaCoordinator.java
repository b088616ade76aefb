package com.ecsimagesaga.app;

import com.ecsimagesaga.port.CloudImageGateway;
import com.ecsimagesaga.port.EventEncoder;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.port.SagaTracing;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.Decision;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaDefinition;
import com.ecsimagesaga.saga.StepOutcome;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
  private final SagaTracing tracing;

  public SagaCoordinator(SagaStore store, CloudImageGateway gateway, EventEncoder encoder, SagaDefinitions definitions,
      Clock clock, String owner, int batchSize, Duration lease, SagaTracing tracing) {
    this.tracing = tracing;
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
    Instant now = clock.instant();
    List<Uni<List<Optional<SagaStore.Transit>>>> work = new ArrayList<>();
    Map<String, List<Saga>> pollsByRegion = new LinkedHashMap<>();
    for (Saga s : sagas) {
      SagaDefinition definition = definitions.of(s.type());
      Optional<Decision> expired = definition.expire(s, now);
      if (expired.isPresent()) {
        work.add(Uni.createFrom().item(List.of(Optional.of(transit(s, expired.get(), s.traceParent())))));
        continue;
      }
      CloudAction action = definition.actionFor(s);
      if (action instanceof CloudAction.ObserveImage look && look.ownSince() != null) {
        pollsByRegion.computeIfAbsent(look.regionId(), r -> new ArrayList<>()).add(s);
      } else {
        work.add(tracing.inSaga(s, s.type() + " " + s.step(),
            trace -> gateway.execute(action).map(outcome -> List.of(decide(s, outcome, trace)))));
      }
    }
    pollsByRegion.forEach((region, group) -> work.add(pollTogether(region, group)));
    return Uni.join().all(work).andFailFast()
        .map(results -> results.stream().flatMap(List::stream).flatMap(Optional::stream).toList())
        .chain(transits -> store.apply(transits, owner))
        .map(List::size);
  }

  /**
   * One listing per region answers every saga of this pass that waits for its image. A listing
   * taken after each of them was submitted and became due is as fresh as a poll on time, so the
   * passes of one wake share a single listing however long the wake takes.
   */
  private Uni<List<Optional<SagaStore.Transit>>> pollTogether(String region, List<Saga> group) {
    Set<String> ids = group.stream().map(Saga::imageId).collect(Collectors.toSet());
    Instant since = group.stream().map(Saga::createdAt).min(Comparator.naturalOrder()).orElseThrow();
    Instant takenAfter = listingTakenAfter(group);
    return tracing.shared("poll images " + region, group, () -> gateway.observeOwnImages(region, ids, since, takenAfter))
        .map(outcomes -> group.stream().map(s -> decide(s, outcomes.get(s.imageId()), s.traceParent())).toList());
  }

  /** The instant a listing must have been taken after to answer every saga of the group. */
  static Instant listingTakenAfter(List<Saga> group) {
    return group.stream().flatMap(s -> Stream.of(s.stepStartedAt(), s.nextWakeAt())).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElseThrow();
  }

  private Optional<SagaStore.Transit> decide(Saga s, StepOutcome outcome, String trace) {
    try {
      return Optional.of(transit(s, definitions.of(s.type()).decide(s, outcome, clock.instant()), trace));
    } catch (RuntimeException e) {
      // A failure here is a defect, not a cloud error (those arrive as outcomes). The lease runs
      // out and the saga is tried again; the log says which saga and step.
      LOG.errorf(e, "EIS-2900 saga %s step %s attempt %d could not be advanced", s.id(), s.step(), s.attempt());
      return Optional.empty();
    }
  }

  /** A stored decision; its events carry the trace context they were decided in. */
  private SagaStore.Transit transit(Saga s, Decision d, String trace) {
    Saga next = d.next();
    String cause = next.lastError() != null ? " after " + next.lastError().code()
        : next.failure() != null && next.status().isTerminal() ? " failure " + next.failure().code() : "";
    // A poll that found nothing new is the commonest move by far (every in-flight saga, every few
    // seconds): it is logged at DEBUG, every other move at INFO.
    boolean quietPoll = s.step() == next.step() && s.status() == next.status() && cause.isEmpty();
    LOG.logf(quietPoll ? Logger.Level.DEBUG : Logger.Level.INFO, "EIS-2000 saga %s %s: %s -> %s [%s] attempt %d%s", s.id(),
        d.transition().trigger(), s.step(), next.step(), next.status(), next.attempt(), cause);
    var events = d.events().stream().map(encoder::encode).filter(Objects::nonNull).map(m -> m.inTrace(trace)).toList();
    return new SagaStore.Transit(s, next, events);
  }
}
