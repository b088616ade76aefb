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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Drives due sagas: lease them, make each one's cloud call, let its definition decide, and store
 * every decision with its events. The only place where saga decisions meet I/O.
 *
 * <p>A saga whose decision leaves it due at once takes its next step in the same pass, under the
 * same lease, up to {@code chainSteps} steps (a create from a ready instance: the source check and
 * the CreateImage in one pass). The moves are stored together: one row update guarded by the
 * version and lease the pass started from, a history row for each move, the events in order. This
 * is as safe as storing each move: if the process dies, or the lease is lost, before the store,
 * nothing of the chain is kept and the saga is redone from its stored step by whoever claims it
 * next. Every call a chain can make may be repeated: lookups read, CreateImage carries the
 * ClientToken stored with the saga at intake (a repeat answers with the same image), deletes of
 * something already gone count as done.
 *
 * <p>Looks that many sagas of a pass need at once are shared by region: one listing of the
 * service's images answers every saga waiting for its image, and one DescribeInstances per 100
 * instances answers every saga checking its source instance.
 *
 * <p>Leases are taken over from dead instances ({@link Takeover}): a lease whose holder has not
 * beaten for {@code takeover.after()} is free, so an instance that died mid-pass holds up its sagas
 * for seconds, not for the lease. In turn, an instance whose own heartbeat has not been written for
 * most of that time claims nothing and starts no call, since the others may be taking its sagas;
 * and the first pass of an instance ends the leases an earlier process of the same name held.
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
  private final int chainSteps;
  private final SagaTracing tracing;
  private final Takeover takeover;

  /**
   * Leases held under this instance's name that may belong to no running pass end at the start of a
   * later pass: those of an earlier process of the name, or of a pass that stopped before it stored
   * (it failed, or it left its sagas alone because this instance's heartbeat was not current). This
   * is the latest claim instant such a pass made ({@link Instant#MIN} for an earlier process), null
   * when there is none.
   */
  private final AtomicReference<Instant> leasesToEnd = new AtomicReference<>(Instant.MIN);

  /**
   * The claim instants of this instance's passes now running (passes may overlap: {@code
   * saga.pass-lanes}). A pass's leases run until its claim instant plus the lease, so the leases
   * that run until before the oldest running pass's claim plus the lease belong to no running pass.
   */
  private final Map<Object, Instant> running = new ConcurrentHashMap<>();

  /**
   * How instances take over each other's sagas.
   *
   * @param after a lease whose holder's last heartbeat is older than this is free to claim; null
   *     counts leases by their end only
   * @param beatSince whether this instance's last successful heartbeat was at or after an instant
   */
  public record Takeover(Duration after, Predicate<Instant> beatSince) {

    /** Leases count until they run out; no heartbeat is consulted. */
    public static final Takeover NONE = new Takeover(null, since -> true);

    /** The heartbeats that show an instance alive at {@code now}; null with no takeover. */
    Instant liveSince(Instant now) {
      return after == null ? null : now.minus(after);
    }

    /**
     * Whether the others still leave this instance's leases alone at {@code now}, with a third of
     * the limit to spare for the calls a pass is about to start.
     */
    boolean holdsLeases(Instant now) {
      return after == null || beatSince.test(now.minus(after.minus(after.dividedBy(3))));
    }
  }

  /** A coordinator whose leases count until they run out. */
  public SagaCoordinator(
      SagaStore store,
      CloudImageGateway gateway,
      EventEncoder encoder,
      SagaDefinitions definitions,
      Clock clock,
      String owner,
      int batchSize,
      Duration lease,
      int chainSteps,
      SagaTracing tracing) {
    this(
        store,
        gateway,
        encoder,
        definitions,
        clock,
        owner,
        batchSize,
        lease,
        chainSteps,
        tracing,
        Takeover.NONE);
  }

  public SagaCoordinator(
      SagaStore store,
      CloudImageGateway gateway,
      EventEncoder encoder,
      SagaDefinitions definitions,
      Clock clock,
      String owner,
      int batchSize,
      Duration lease,
      int chainSteps,
      SagaTracing tracing,
      Takeover takeover) {
    if (chainSteps < 1) {
      throw new IllegalArgumentException(
          "a pass takes at least one step per saga, not " + chainSteps);
    }
    this.tracing = tracing;
    this.store = store;
    this.gateway = gateway;
    this.encoder = encoder;
    this.definitions = definitions;
    this.clock = clock;
    this.owner = owner;
    this.batchSize = batchSize;
    this.lease = lease;
    this.chainSteps = chainSteps;
    this.takeover = takeover;
  }

  /** Advances every saga that is due now, up to the batch size. Completes with how many moved. */
  public Uni<Integer> advanceDue() {
    Instant claimedAt = clock.instant();
    if (!takeover.holdsLeases(claimedAt)) {
      LOG.debugf("EIS-2904 instance %s claims nothing: its heartbeat is not current", owner);
      return Uni.createFrom().item(0);
    }
    Object pass = new Object();
    running.put(pass, claimedAt);
    return endOwnLeases(claimedAt)
        .chain(
            () -> store.claimDue(claimedAt, batchSize, owner, lease, takeover.liveSince(claimedAt)))
        .chain(sagas -> advanceAll(sagas, claimedAt))
        .onFailure()
        .invoke(() -> leaseToEnd(claimedAt))
        .onTermination()
        .invoke(() -> running.remove(pass));
  }

  /** Marks the leases of a pass claimed at {@code claimedAt} as to be ended by a later pass. */
  private void leaseToEnd(Instant claimedAt) {
    leasesToEnd.accumulateAndGet(
        claimedAt, (was, now) -> was == null || now.isAfter(was) ? now : was);
  }

  /**
   * The leases under this instance's name that no running pass holds (those of an earlier process
   * of the name, or of a pass that stopped before it stored) end now rather than when they run out,
   * so their sagas are due at once again.
   */
  private Uni<Void> endOwnLeases(Instant now) {
    Instant toEnd = leasesToEnd.get();
    // Every pass that registered after the oldest running one claims at or after it, so the leases
    // of running passes all run until at least the oldest claim plus the lease, and those of
    // stopped passes claimed before it run until before that.
    Instant oldestRunning = running.values().stream().min(Comparator.naturalOrder()).orElse(now);
    if (toEnd == null || !toEnd.isBefore(oldestRunning)) {
      return Uni.createFrom().voidItem();
    }
    // Ended just before now, so that the claim of this same pass takes them.
    return store
        .releaseLeases(owner, now.minusMillis(1), oldestRunning.plus(lease))
        .invoke(
            n -> {
              leasesToEnd.compareAndSet(toEnd, null);
              if (n > 0) {
                LOG.infof(
                    "EIS-2903 instance %s takes back %d sagas it held in a pass that did not store"
                        + " them, or that an earlier process of its name held",
                    owner, n);
              }
            })
        .replaceWithVoid();
  }

  /**
   * The answer for sagas left alone because the others may be taking them over: their leases end
   * when every pass running now has ended.
   */
  private <T> T leftAlone(T nothing) {
    leaseToEnd(clock.instant());
    return nothing;
  }

  private Uni<Integer> advanceAll(List<Saga> sagas, Instant claimedAt) {
    if (sagas.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    // A chain stops early enough to be stored well within the lease it runs under.
    Instant chainUntil = claimedAt.plus(lease.dividedBy(2));
    List<Uni<List<Optional<SagaStore.Transit>>>> work = new ArrayList<>();
    Map<String, List<Saga>> pollsByRegion = new LinkedHashMap<>();
    Map<String, List<InstanceCheck>> checksByRegion = new LinkedHashMap<>();
    for (Saga s : sagas) {
      Optional<InstanceCheck> check = instanceCheck(s);
      if (check.isPresent()) {
        checksByRegion.computeIfAbsent(s.regionId(), r -> new ArrayList<>()).add(check.get());
        continue;
      }
      Optional<Uni<Optional<SagaStore.Transit>>> step = ownStep(s);
      if (step.isPresent()) {
        work.add(step.get().chain(t -> onward(t, chainUntil)).map(List::of));
      } else {
        pollsByRegion.computeIfAbsent(s.regionId(), r -> new ArrayList<>()).add(s);
      }
    }
    pollsByRegion.forEach(
        (region, group) -> work.add(eachOnward(pollTogether(region, group), chainUntil)));
    checksByRegion.forEach(
        (region, group) -> work.add(eachOnward(checkTogether(region, group), chainUntil)));
    return Uni.join()
        .all(work)
        .andFailFast()
        .map(results -> results.stream().flatMap(List::stream).flatMap(Optional::stream).toList())
        .chain(transits -> store.apply(transits, owner))
        .map(List::size);
  }

  /** Takes each saga's further steps after a step shared with others. */
  private Uni<List<Optional<SagaStore.Transit>>> eachOnward(
      Uni<List<Optional<SagaStore.Transit>>> shared, Instant chainUntil) {
    return shared.chain(
        moved ->
            Uni.join().all(moved.stream().map(t -> onward(t, chainUntil)).toList()).andFailFast());
  }

  /** A saga that looks at its source instance, and the instance. */
  private record InstanceCheck(Saga saga, String instanceId) {}

  /**
   * The saga's look at its source instance, when the pass's look at its region's instances answers
   * it: its step needs the instance's state and its deadline has not passed.
   */
  private Optional<InstanceCheck> instanceCheck(Saga s) {
    SagaDefinition definition = definitions.of(s.type());
    return definition.expire(s, clock.instant()).isEmpty()
            && definition.actionFor(s) instanceof CloudAction.DescribeInstance look
        ? Optional.of(new InstanceCheck(s, look.instanceId()))
        : Optional.empty();
  }

  /**
   * The saga's next step when it runs on its own: its expiry, or its own cloud call in a span of
   * the saga's trace. Empty when the step is a look at an image answered by the region's shared
   * listing. A look at the saga's source instance is made here only when it is chained after
   * another step; the first steps of a pass share one look per region ({@link #checkTogether}).
   */
  private Optional<Uni<Optional<SagaStore.Transit>>> ownStep(Saga s) {
    SagaDefinition definition = definitions.of(s.type());
    Instant now = clock.instant();
    Optional<Decision> expired = definition.expire(s, now);
    if (expired.isPresent()) {
      return Optional.of(
          Uni.createFrom().item(Optional.of(transit(s, expired.get(), s.traceParent()))));
    }
    CloudAction action = definition.actionFor(s);
    if (action instanceof CloudAction.ObserveImage look && look.ownSince() != null) {
      return Optional.empty();
    }
    if (!takeover.holdsLeases(now)) {
      return Optional.of(Uni.createFrom().item(leftAlone(Optional.empty())));
    }
    return Optional.of(
        tracing.inSaga(
            s,
            s.type() + " " + s.step(),
            trace -> gateway.execute(action).map(outcome -> decide(s, outcome, trace))));
  }

  /**
   * Takes the saga's next step in this pass if its moves so far left it due at once, and so on up
   * to the chain's bound. A step that fails to decide (a defect) or to run ends the chain with the
   * moves before it, which are stored as usual.
   */
  private Uni<Optional<SagaStore.Transit>> onward(
      Optional<SagaStore.Transit> sofar, Instant chainUntil) {
    if (sofar.isEmpty() || !mayContinue(sofar.get(), chainUntil)) {
      return Uni.createFrom().item(sofar);
    }
    SagaStore.Transit moves = sofar.get();
    Saga s = moves.next();
    Optional<Uni<Optional<SagaStore.Transit>>> step;
    try {
      step = ownStep(s);
    } catch (RuntimeException e) {
      return Uni.createFrom().item(notChained(s, e, sofar));
    }
    if (step.isEmpty()) {
      return Uni.createFrom().item(sofar);
    }
    return step.get()
        .onFailure()
        .recoverWithItem(e -> notChained(s, e, Optional.empty()))
        .chain(
            more ->
                more.isEmpty()
                    ? Uni.createFrom().item(sofar)
                    : onward(Optional.of(moves.then(more.get())), chainUntil));
  }

  /** A defect in a chained step: the moves before it are stored, the step runs in a later pass. */
  private static <T> T notChained(Saga s, Throwable e, T result) {
    LOG.warnf(
        "EIS-2902 saga %s step %s could not run in a chain, the moves before it are stored: %s",
        s.id(), s.step(), e);
    return result;
  }

  /**
   * A chain goes on while the saga is due now, unfinished, in a step it has not been in during this
   * pass (a step retried at once, such as a refused token, waits for the next pass: its history row
   * is the same one), and the bound and the time allow it.
   */
  private boolean mayContinue(SagaStore.Transit moves, Instant chainUntil) {
    Saga next = moves.next();
    Instant now = clock.instant();
    return moves.moves() < chainSteps
        && !next.status().isTerminal()
        && next.nextWakeAt() != null
        && !next.nextWakeAt().isAfter(now)
        && now.isBefore(chainUntil)
        && moves.path().subList(0, moves.moves()).stream().noneMatch(p -> p.step() == next.step());
  }

  /**
   * One listing per region answers every saga of this pass that waits for its image. A listing
   * taken after each of them was submitted and became due is as fresh as a poll on time, so the
   * passes of one wake share a single listing however long the wake takes.
   */
  private Uni<List<Optional<SagaStore.Transit>>> pollTogether(String region, List<Saga> group) {
    if (!takeover.holdsLeases(clock.instant())) {
      return Uni.createFrom()
          .item(leftAlone(group.stream().map(s -> Optional.<SagaStore.Transit>empty()).toList()));
    }
    Set<String> ids = group.stream().map(Saga::imageId).collect(Collectors.toSet());
    Instant since =
        group.stream().map(Saga::createdAt).min(Comparator.naturalOrder()).orElseThrow();
    Instant takenAfter = listingTakenAfter(group);
    return tracing
        .shared(
            "poll images " + region,
            group,
            () -> gateway.observeOwnImages(region, ids, since, takenAfter))
        .map(
            outcomes ->
                group.stream()
                    .map(s -> decide(s, outcomes.get(s.imageId()), s.traceParent()))
                    .toList());
  }

  /**
   * One look at the region's instances (a DescribeInstances per 100) answers every saga of this
   * pass that checks its source instance. Each saga's decision is taken in a span of its own trace,
   * as when it makes the call itself; the call is a span of its own linked to all of them.
   */
  private Uni<List<Optional<SagaStore.Transit>>> checkTogether(
      String region, List<InstanceCheck> group) {
    if (!takeover.holdsLeases(clock.instant())) {
      return Uni.createFrom()
          .item(leftAlone(group.stream().map(c -> Optional.<SagaStore.Transit>empty()).toList()));
    }
    List<Saga> sagas = group.stream().map(InstanceCheck::saga).toList();
    Set<String> ids = group.stream().map(InstanceCheck::instanceId).collect(Collectors.toSet());
    return tracing
        .shared("check instances " + region, sagas, () -> gateway.observeInstances(region, ids))
        .chain(
            outcomes ->
                Uni.join()
                    .all(
                        group.stream()
                            .map(c -> decideInSaga(c.saga(), outcomes.get(c.instanceId())))
                            .toList())
                    .andFailFast());
  }

  /** A decision on an outcome another call brought, taken in a span of the saga's trace. */
  private Uni<Optional<SagaStore.Transit>> decideInSaga(Saga s, StepOutcome outcome) {
    return tracing.inSaga(
        s,
        s.type() + " " + s.step(),
        trace -> Uni.createFrom().item(() -> decide(s, outcome, trace)));
  }

  /** The instant a listing must have been taken after to answer every saga of the group. */
  static Instant listingTakenAfter(List<Saga> group) {
    return group.stream()
        .flatMap(s -> Stream.of(s.stepStartedAt(), s.nextWakeAt()))
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  private Optional<SagaStore.Transit> decide(Saga s, StepOutcome outcome, String trace) {
    try {
      return Optional.of(
          transit(s, definitions.of(s.type()).decide(s, outcome, clock.instant()), trace));
    } catch (RuntimeException e) {
      // A failure here is a defect, not a cloud error (those arrive as outcomes). The lease runs
      // out and the saga is tried again; the log says which saga and step.
      LOG.errorf(
          e,
          "EIS-2900 saga %s step %s attempt %d could not be advanced",
          s.id(),
          s.step(),
          s.attempt());
      return Optional.empty();
    }
  }

  /** A stored decision; its events carry the trace context they were decided in. */
  private SagaStore.Transit transit(Saga s, Decision d, String trace) {
    Saga next = d.next();
    String cause =
        next.lastError() != null
            ? " after " + next.lastError().code()
            : next.failure() != null && next.status().isTerminal()
                ? " failure " + next.failure().code()
                : "";
    // A poll that found nothing new is the commonest move by far (every in-flight saga, every few
    // seconds): it is logged at DEBUG, every other move at INFO.
    boolean quietPoll = s.step() == next.step() && s.status() == next.status() && cause.isEmpty();
    LOG.logf(
        quietPoll ? Logger.Level.DEBUG : Logger.Level.INFO,
        "EIS-2000 saga %s %s: %s -> %s [%s] attempt %d%s",
        s.id(),
        d.transition().trigger(),
        s.step(),
        next.step(),
        next.status(),
        next.attempt(),
        cause);
    var events =
        d.events().stream()
            .map(encoder::encode)
            .filter(Objects::nonNull)
            .map(m -> m.inTrace(trace))
            .toList();
    return new SagaStore.Transit(s, next, events, d.starts());
  }
}
