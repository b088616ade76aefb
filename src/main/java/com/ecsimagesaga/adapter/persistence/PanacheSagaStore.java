package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Saga;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/** {@link SagaStore} on PostgreSQL through Hibernate Reactive with Panache. */
@ApplicationScoped
public class PanacheSagaStore implements SagaStore {

  private static final Logger LOG = Logger.getLogger(PanacheSagaStore.class);

  /**
   * Leases due sagas in one statement. SKIP LOCKED lets several instances claim at once without
   * waiting on each other or receiving the same saga.
   */
  private static final String CLAIM = """
      update saga set lease_owner = :owner, lease_until = :until
      where id in (select id from saga
                   where status in ('RUNNING', 'WAITING', 'COMPENSATING') and next_wake_at <= :now
                     and (lease_until is null or lease_until < :now)
                   order by next_wake_at limit :limit for update skip locked)
      returning *""";

  @Inject Clock clock;
  @Inject SagaHistoryWriter history;

  @Override
  public Uni<Boolean> start(Saga saga) {
    Instant now = clock.instant();
    return Panache.withTransaction(() -> ProcessedCommandEntity.<ProcessedCommandEntity>findById(saga.commandId())
        .chain(seen -> seen != null ? Uni.createFrom().item(false)
            : processed(saga.commandId(), saga.id(), "STARTED", now).persist()
                .chain(x -> SagaRows.newRow(saga, now).persist())
                .replaceWith(true)));
  }

  @Override
  public Uni<Boolean> reject(String commandId, OutboxMessage rejection) {
    Instant now = clock.instant();
    return Panache.withTransaction(() -> ProcessedCommandEntity.<ProcessedCommandEntity>findById(commandId)
        .chain(seen -> seen != null ? Uni.createFrom().item(false)
            : processed(commandId, null, "REJECTED", now).persist()
                .chain(x -> OutboxRows.newRow(rejection).persist())
                .replaceWith(true)));
  }

  @Override
  public Uni<List<Saga>> claimDue(Instant now, int limit, String owner, Duration lease) {
    return Panache.withTransaction(() -> Panache.getSession().chain(session -> claim(session, now, limit, owner, lease)))
        .map(rows -> rows.stream().map(PanacheSagaStore::readable).flatMap(Optional::stream).toList());
  }

  /**
   * A row that cannot be read (a defect, or a row written by a newer version) must not stop every
   * other saga: it is logged and left leased, so it comes back after the lease, not in a tight loop.
   */
  private static Optional<Saga> readable(SagaEntity row) {
    try {
      return Optional.of(SagaRows.toSaga(row));
    } catch (RuntimeException e) {
      LOG.errorf("EIS-3002 saga %s cannot be read and is skipped: %s", row.id, e.getMessage());
      return Optional.empty();
    }
  }

  private Uni<List<SagaEntity>> claim(Mutiny.Session session, Instant now, int limit, String owner, Duration lease) {
    return session.createNativeQuery(CLAIM, SagaEntity.class)
        .setParameter("owner", owner)
        .setParameter("until", now.plus(lease))
        .setParameter("now", now)
        .setParameter("limit", limit)
        .getResultList();
  }

  @Override
  public Uni<List<UUID>> apply(List<Transit> transits, String owner) {
    if (transits.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    Instant now = clock.instant();
    List<UUID> ids = transits.stream().map(t -> t.next().id()).toList();
    return Panache.withTransaction(() -> SagaEntity.<SagaEntity>list("id in ?1", ids)
        .chain(rows -> store(transits, rows, owner, now)));
  }

  private Uni<List<UUID>> store(List<Transit> transits, List<SagaEntity> rows, String owner, Instant now) {
    Map<UUID, SagaEntity> byId = rows.stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
    List<UUID> stored = new ArrayList<>();
    List<OutboxEntity> events = new ArrayList<>();
    var steps = history.batch();
    for (Transit t : transits) {
      SagaEntity row = byId.get(t.next().id());
      if (row == null || row.version != t.previousVersion() || !owner.equals(row.leaseOwner)) {
        LOG.warnf("EIS-3001 saga %s moved on elsewhere (lease %s, version %s); its step result is dropped",
            t.next().id(), row == null ? null : row.leaseOwner, row == null ? null : row.version);
        continue;
      }
      steps.add(row, t.next(), now);
      SagaRows.copyState(t.next(), row, now);
      row.leaseOwner = null;
      row.leaseUntil = null;
      stored.add(row.id);
      t.events().forEach(m -> events.add(OutboxRows.newRow(m)));
    }
    return steps.write().chain(() -> events.isEmpty() ? Uni.createFrom().item(stored)
        : OutboxEntity.persist(events).replaceWith(stored));
  }

  @Override
  public Uni<Void> append(OutboxMessage event) {
    return Panache.withTransaction(() -> OutboxRows.newRow(event).persist()).replaceWithVoid();
  }

  @Override
  public Uni<Optional<Saga>> findActiveOnImage(String regionId, String imageId) {
    return Panache.withSession(() -> SagaEntity.<SagaEntity>find(
            "regionId = ?1 and imageId = ?2 and status in ('RUNNING', 'WAITING', 'COMPENSATING')", regionId, imageId).firstResult())
        .map(e -> Optional.ofNullable(e).map(SagaRows::toSaga));
  }

  @Override
  public Uni<List<Saga>> findStuck(Instant overdueBefore, int limit) {
    return Panache.withSession(() -> SagaEntity.<SagaEntity>find(
            "status in ('RUNNING', 'WAITING', 'COMPENSATING') and (nextWakeAt < ?1 or deadlineAt < ?1) order by nextWakeAt",
            overdueBefore).page(0, limit).list())
        .map(rows -> rows.stream().map(PanacheSagaStore::readable).flatMap(Optional::stream).toList());
  }

  /** A stable event id makes the insert a no-op the second time, so each stuck state is reported once. */
  private static final String INSERT_ONCE = """
      insert into outbox (event_id, saga_id, type, message_key, payload, headers, occurred_at)
      values (:eventId, :sagaId, :type, :key, :payload, :headers, :occurredAt) on conflict (event_id) do nothing""";

  @Override
  public Uni<Integer> appendOnce(List<OutboxMessage> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return Panache.withTransaction(() -> Panache.getSession().chain(session -> Uni.join().all(events.stream().map(m -> {
      OutboxEntity row = OutboxRows.newRow(m);
      return session.createNativeQuery(INSERT_ONCE).setParameter("eventId", row.eventId).setParameter("sagaId", row.sagaId)
          .setParameter("type", row.type).setParameter("key", row.messageKey).setParameter("payload", row.payload)
          .setParameter("headers", row.headers).setParameter("occurredAt", row.occurredAt).executeUpdate();
    }).toList()).andFailFast()))
        .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
  }

  @Override
  public Uni<Optional<Saga>> find(UUID id) {
    return Panache.withSession(() -> SagaEntity.<SagaEntity>findById(id)).map(e -> Optional.ofNullable(e).map(SagaRows::toSaga));
  }

  @Override
  public Uni<Optional<Saga>> findByCommandId(String commandId) {
    return Panache.withSession(() -> SagaEntity.<SagaEntity>find("commandId", commandId).firstResult())
        .map(e -> Optional.ofNullable(e).map(SagaRows::toSaga));
  }

  private static ProcessedCommandEntity processed(String commandId, UUID sagaId, String outcome, Instant now) {
    ProcessedCommandEntity p = new ProcessedCommandEntity();
    p.commandId = commandId;
    p.sagaId = sagaId;
    p.outcome = outcome;
    p.receivedAt = now;
    return p;
  }
}
