package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.port.RejectedCommand;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.port.StepRun;
import com.ecsimagesaga.saga.CloudError;
import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link SagaStore} in memory, keeping the promises the port documents: a command id is recorded
 * with its saga or its rejection, and a repeat writes nothing; a claim leases due, unleased sagas
 * (or those of an instance whose last heartbeat is older than {@code liveSince}), taking turns by
 * region, type and step; a move is stored only if the row still has the version the decision was
 * computed from and the lease is still the caller's, and then bumps the version, clears the lease
 * and writes the events to the {@link InMemoryEventOutbox}; a claim of a create saga with no image
 * whose lease was still set marks it {@code submitUnconfirmed}; the sagas a move starts are stored
 * with it, once per command id. Each row keeps the instant it last changed (the store's clock at
 * the write, as {@code updated_at}) and a history of step runs folded as {@code SagaHistoryWriter}
 * folds them, for {@link InMemorySagaQueries} and the overview fakes. One lock stands for a
 * transaction.
 */
public final class InMemorySagaStore implements SagaStore {

  private static final Set<SagaStatus> ACTIVE =
      Set.of(SagaStatus.RUNNING, SagaStatus.WAITING, SagaStatus.COMPENSATING);

  /** A saga row: the saga, its lease and when it last changed. */
  private record Row(Saga saga, String leaseOwner, Instant leaseUntil, Instant updatedAt) {

    Row leased(Saga claimed, String owner, Instant until) {
      return new Row(claimed, owner, until, updatedAt);
    }
  }

  /** A step run's key, as {@code saga_history}'s: the saga, the step and when the step began. */
  private record RunKey(UUID sagaId, String step, Instant startedAt) {}

  private final Map<UUID, Row> rows = new LinkedHashMap<>();
  private final Map<String, String> processed = new HashMap<>();
  private final List<RejectedCommand> rejections = new ArrayList<>();
  private final List<Transit> stored = new ArrayList<>();
  private final Map<String, Instant> heartbeats = new HashMap<>();
  private final Map<RunKey, StepRun> history = new LinkedHashMap<>();
  private final InMemoryEventOutbox outbox;
  private final Clock clock;

  /** A store whose rows are stamped with the time of day when they change. */
  public InMemorySagaStore(InMemoryEventOutbox outbox) {
    this(outbox, Clock.systemUTC());
  }

  /** A store that stamps a changed row with {@code clock}'s time, as the service's store does. */
  public InMemorySagaStore(InMemoryEventOutbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /** A heartbeat of an instance, as {@code service_instance} records it, for takeover claims. */
  public synchronized void heartbeat(String owner, Instant at) {
    heartbeats.put(owner, at);
  }

  /** The saga as stored now; fails when there is none. */
  public synchronized Saga saga(UUID id) {
    Row row = rows.get(id);
    if (row == null) {
      throw new IllegalStateException("no saga " + id);
    }
    return row.saga();
  }

  /** The holder of the saga's lease, or null. */
  public synchronized String leaseOwner(UUID id) {
    return rows.get(id).leaseOwner();
  }

  /** Every saga stored, in the order they were started. */
  private final List<Integer> starts = new ArrayList<>();

  public synchronized List<Saga> sagas() {
    return rows.values().stream().map(Row::saga).toList();
  }

  /** The rejections recorded, in order. */
  public synchronized List<RejectedCommand> rejections() {
    return List.copyOf(rejections);
  }

  /** Every transit stored, in order: the moves that passed the version and lease guard. */
  public synchronized List<Transit> stored() {
    return List.copyOf(stored);
  }

  /** How many sagas each call of {@link #startAll} stored at once, in order: one per statement. */
  public synchronized List<Integer> starts() {
    return List.copyOf(starts);
  }

  @Override
  public synchronized Uni<List<Boolean>> startAll(List<Saga> sagas) {
    starts.add(sagas.size());
    Set<String> ids = new HashSet<>();
    for (Saga s : sagas) {
      if (!ids.add(s.commandId())) {
        throw new IllegalArgumentException(
            "command id " + s.commandId() + " appears twice in one start");
      }
    }
    List<Boolean> answers = new ArrayList<>();
    for (Saga s : sagas) {
      answers.add(insert(s));
    }
    return Uni.createFrom().item(answers);
  }

  private boolean insert(Saga s) {
    if (processed.containsKey(s.commandId())) {
      return false;
    }
    processed.put(s.commandId(), "STARTED");
    rows.put(s.id(), new Row(s, null, null, clock.instant()));
    return true;
  }

  @Override
  public synchronized Uni<Boolean> reject(
      String commandId, RejectedCommand why, OutboxMessage rejection) {
    if (processed.containsKey(commandId)) {
      return Uni.createFrom().item(false);
    }
    processed.put(commandId, "REJECTED");
    rejections.add(why);
    outbox.add(rejection);
    return Uni.createFrom().item(true);
  }

  @Override
  public synchronized Uni<List<Saga>> claimDue(
      Instant now, int limit, String owner, Duration lease, Instant liveSince) {
    List<Row> due =
        rows.values().stream()
            .filter(r -> ACTIVE.contains(r.saga().status()))
            .filter(r -> r.saga().nextWakeAt() != null && !r.saga().nextWakeAt().isAfter(now))
            .filter(r -> leaseFree(r, owner, now, liveSince))
            .sorted(Comparator.comparing(r -> r.saga().nextWakeAt()))
            .toList();
    // Turns by region, type and step: the first of every group, then the second of each, ...
    Map<List<Object>, Integer> turns = new HashMap<>();
    Map<Row, Integer> turnOf = new LinkedHashMap<>();
    for (Row r : due) {
      Saga s = r.saga();
      turnOf.put(r, turns.merge(List.of(s.regionId(), s.type(), s.step()), 1, Integer::sum));
    }
    List<Saga> claimed =
        turnOf.entrySet().stream()
            .sorted(
                Comparator.comparing((Map.Entry<Row, Integer> e) -> e.getValue())
                    .thenComparing(e -> e.getKey().saga().nextWakeAt()))
            .limit(limit)
            .map(e -> claim(e.getKey(), owner, now.plus(lease)))
            .toList();
    return Uni.createFrom().item(claimed);
  }

  private boolean leaseFree(Row r, String owner, Instant now, Instant liveSince) {
    if (r.leaseUntil() == null || r.leaseUntil().isBefore(now)) {
      return true;
    }
    if (liveSince == null || owner.equals(r.leaseOwner())) {
      return false;
    }
    Instant beat = heartbeats.get(r.leaseOwner());
    return beat == null || beat.isBefore(liveSince);
  }

  private Saga claim(Row r, String owner, Instant until) {
    Saga s = r.saga();
    boolean unconfirmed =
        s.submitUnconfirmed()
            || (s.type() == CreateImageSaga.TYPE && s.imageId() == null && r.leaseUntil() != null);
    Saga claimed =
        unconfirmed == s.submitUnconfirmed() ? s : s.edit().submitUnconfirmed(true).build();
    rows.put(s.id(), r.leased(claimed, owner, until));
    return claimed;
  }

  @Override
  public synchronized Uni<Integer> releaseLeases(
      String owner, Instant now, Instant heldUntilBefore) {
    int ended = 0;
    for (Row r : List.copyOf(rows.values())) {
      if (owner.equals(r.leaseOwner())
          && r.leaseUntil() != null
          && r.leaseUntil().isAfter(now)
          && (heldUntilBefore == null || r.leaseUntil().isBefore(heldUntilBefore))) {
        rows.put(r.saga().id(), r.leased(r.saga(), owner, now));
        ended++;
      }
    }
    return Uni.createFrom().item(ended);
  }

  @Override
  public synchronized Uni<List<UUID>> apply(List<Transit> transits, String owner) {
    List<UUID> ids = new ArrayList<>();
    for (Transit t : transits) {
      Row r = rows.get(t.next().id());
      if (r == null || r.saga().version() != t.previousVersion() || !owner.equals(r.leaseOwner())) {
        continue;
      }
      Instant now = clock.instant();
      rows.put(
          r.saga().id(), new Row(withVersion(t.next(), t.previousVersion() + 1), null, null, now));
      for (int i = 0; i < t.moves(); i++) {
        record(t.path().get(i), t.path().get(i + 1), now);
      }
      t.events().forEach(outbox::add);
      t.starts().forEach(this::insert);
      stored.add(t);
      ids.add(t.next().id());
    }
    return Uni.createFrom().item(ids);
  }

  /** Folds one move into its step run, as {@code SagaHistoryWriter} does. */
  private void record(Saga before, Saga next, Instant now) {
    Instant startedAt =
        before.stepStartedAt() != null ? before.stepStartedAt() : before.createdAt();
    boolean sameStep = before.step() == next.step();
    CloudError retried = sameStep ? next.lastError() : null;
    Failure failed = before.failure() == null ? next.failure() : null;
    String code = retried != null ? retried.code() : failed != null ? failed.code() : null;
    String requestId =
        retried != null ? retried.requestId() : failed != null ? failed.requestId() : null;
    long quotaWaitMs = (sameStep ? next : before).quotaWait().waited().toMillis();
    int attempt = sameStep ? next.attempt() : before.attempt();
    RunKey key = new RunKey(before.id(), before.step().name(), startedAt);
    StepRun was = history.get(key);
    history.put(
        key,
        new StepRun(
            key.step(),
            startedAt,
            was == null ? now : was.firstAt(),
            now,
            was == null ? 1 : was.executions() + 1,
            was == null ? attempt : Math.max(was.maxAttempt(), attempt),
            next.status().name(),
            next.step().name(),
            next.progress(),
            (was == null ? 0 : was.errorCount()) + (code == null ? 0 : 1),
            code != null || was == null ? code : was.lastErrorCode(),
            requestId != null || was == null ? requestId : was.lastRequestId(),
            next.imageId() != null || was == null ? next.imageId() : was.imageId(),
            was == null ? quotaWaitMs : Math.max(was.quotaWaitMs(), quotaWaitMs)));
  }

  /** The saga's step runs, oldest first (by first execution, then by the step's start). */
  synchronized List<StepRun> history(UUID sagaId) {
    return history.entrySet().stream()
        .filter(e -> e.getKey().sagaId().equals(sagaId))
        .map(Map.Entry::getValue)
        .sorted(Comparator.comparing(StepRun::firstAt).thenComparing(StepRun::startedAt))
        .toList();
  }

  /** When the saga's row last changed; fails when there is none. */
  synchronized Instant updatedAt(UUID id) {
    saga(id);
    return rows.get(id).updatedAt();
  }

  /**
   * Writes a replayed saga if the row still has {@code expectedVersion} and a replayable status, as
   * {@link InMemoryReplayStore} promises: the version moves one on and the lease is cleared.
   */
  synchronized boolean replace(Saga next, long expectedVersion) {
    Row r = rows.get(next.id());
    if (r == null
        || r.saga().version() != expectedVersion
        || !Replay.REPLAYABLE.contains(r.saga().status())) {
      return false;
    }
    rows.put(
        next.id(), new Row(withVersion(next, expectedVersion + 1), null, null, clock.instant()));
    return true;
  }

  @Override
  public synchronized Uni<Void> append(OutboxMessage event) {
    outbox.add(event);
    return Uni.createFrom().voidItem();
  }

  @Override
  public synchronized Uni<Optional<Saga>> findActiveOnImage(String regionId, String imageId) {
    return Uni.createFrom()
        .item(
            active()
                .filter(s -> regionId.equals(s.regionId()) && imageId.equals(s.imageId()))
                .findFirst());
  }

  /** Reads the input's field as a record component, as the store's JSON would have it. */
  @Override
  public synchronized Uni<List<Saga>> findByInput(
      com.ecsimagesaga.saga.SagaType type, SagaStatus status, String field, String value) {
    return Uni.createFrom()
        .item(
            rows.values().stream()
                .map(Row::saga)
                .filter(s -> s.type() == type && s.status() == status)
                .filter(s -> value.equals(component(s.input(), field)))
                .toList());
  }

  private static Object component(Object record, String name) {
    for (var c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        try {
          return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return null;
  }

  private Stream<Saga> active() {
    return rows.values().stream().map(Row::saga).filter(s -> ACTIVE.contains(s.status()));
  }

  @Override
  public synchronized Uni<List<Saga>> findStuck(Instant overdueBefore, int limit) {
    return Uni.createFrom()
        .item(
            active()
                .filter(
                    s ->
                        (s.nextWakeAt() != null && s.nextWakeAt().isBefore(overdueBefore))
                            || (s.deadlineAt() != null && s.deadlineAt().isBefore(overdueBefore)))
                .sorted(Comparator.comparing(Saga::nextWakeAt))
                .limit(limit)
                .toList());
  }

  @Override
  public synchronized Uni<Integer> appendOnce(List<OutboxMessage> events) {
    int written = 0;
    for (OutboxMessage m : events) {
      if (!outbox.contains(m.eventId())) {
        outbox.add(m);
        written++;
      }
    }
    return Uni.createFrom().item(written);
  }

  @Override
  public synchronized Uni<Optional<Saga>> find(UUID id) {
    return Uni.createFrom().item(Optional.ofNullable(rows.get(id)).map(Row::saga));
  }

  @Override
  public synchronized Uni<Optional<Saga>> findByCommandId(String commandId) {
    return Uni.createFrom()
        .item(
            rows.values().stream()
                .map(Row::saga)
                .filter(s -> commandId.equals(s.commandId()))
                .findFirst());
  }

  /** The counts of stored sagas by status, for assertions on a whole run. */
  public synchronized Map<SagaStatus, Long> byStatus() {
    return rows.values().stream()
        .collect(Collectors.groupingBy(r -> r.saga().status(), Collectors.counting()));
  }

  /**
   * The saga with another version, as the row holds it after a move ({@code version + 1}). The
   * saga's own builder does not set versions (only the store does), so this copies the record's
   * components.
   */
  private static Saga withVersion(Saga saga, long version) {
    try {
      RecordComponent[] components = Saga.class.getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] =
            components[i].getName().equals("version")
                ? version
                : components[i].getAccessor().invoke(saga);
      }
      return Saga.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy saga " + saga.id() + " with a new version", e);
    }
  }
}
