package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.config.SagaConfig;
import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.port.RejectedCommand;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaInput;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;

/** {@link SagaStore} on PostgreSQL through Hibernate Reactive with Panache. */
@ApplicationScoped
public class PanacheSagaStore implements SagaStore {

  private static final Logger LOG = Logger.getLogger(PanacheSagaStore.class);

  /**
   * A lease that is free to claim at $3: none, run out, or held by another instance whose last
   * heartbeat is older than $5 (when $5 is set). The claim checks it twice: to pick the sagas, and
   * again on each row it locks, as another claim may have taken it in between.
   */
  private static final String LEASE_FREE =
      """
      (lease_until is null or lease_until < $3
       or ($5::timestamptz is not null and lease_owner <> $1
           and not exists (select 1 from service_instance i
                           where i.instance_id = saga.lease_owner and i.heartbeat_at >= $5)))""";

  /**
   * Leases due sagas in one statement. SKIP LOCKED lets several instances (and several passes of
   * one instance) claim at once without waiting on each other or receiving the same saga. Due sagas
   * take turns by region, type and step: the oldest due saga of every group first, then the second
   * of each, and so on, so that a backlog of ten thousand new creates in one region delays neither
   * another region, nor a delete, nor the polls of the creates already submitted
   * (docs/adr/0011-backpressure-and-takeover.md).
   *
   * <p>The cost of a claim does not grow with the backlog (docs/adr/0018-overlapping-passes.md):
   * the groups with unfinished sagas are found by skipping through the index {@code
   * saga_due_by_group} (one probe per group, a recursive query), and of each group only the first
   * {@code $4} due sagas in wake-up order are read and numbered. Row locks do not mix with window
   * functions in one select: the turns are picked first, then locked, and each locked row is
   * checked again.
   *
   * <p>Storing a decision clears the lease, so a lease still set when a saga is claimed again means
   * the pass that held it never stored its outcome (the instance stopped, or the store failed). For
   * a create saga with no image yet, that pass may have sent a CreateImage whose answer is lost:
   * the claim marks the saga {@code submit_unconfirmed}, so that giving up later looks for the
   * image by its tag. (SET expressions read the row as it was before this update.)
   *
   * <p>It returns every column but the input ({@link SagaInputs}).
   */
  private static final String CLAIM =
      """
      with recursive groups (region_id, type, step) as (
        (select region_id, type, step from saga
         where status in ('RUNNING', 'WAITING', 'COMPENSATING')
         order by region_id, type, step limit 1)
        union all
        (select n.region_id, n.type, n.step
         from groups g
         cross join lateral (select region_id, type, step from saga
                             where status in ('RUNNING', 'WAITING', 'COMPENSATING')
                               and (region_id, type, step) > (g.region_id, g.type, g.step)
                             order by region_id, type, step limit 1) n)
      ),
      due as (
        select c.id, c.next_wake_at,
               row_number() over (partition by g.region_id, g.type, g.step
                                  order by c.next_wake_at) as turn
        from groups g
        cross join lateral (select id, next_wake_at from saga
                            where status in ('RUNNING', 'WAITING', 'COMPENSATING')
                              and region_id = g.region_id and type = g.type and step = g.step
                              and next_wake_at <= $3 and %1$s
                            order by next_wake_at limit $4) c
      )
      update saga set lease_owner = $1, lease_until = $2,
                      submit_unconfirmed = submit_unconfirmed
                        or (type = 'CREATE_IMAGE' and image_id is null and lease_until is not null)
      where id in (select id from saga
                   where id in (select id from due order by turn, next_wake_at limit $4)
                     and status in ('RUNNING', 'WAITING', 'COMPENSATING') and next_wake_at <= $3
                     and %1$s
                   for update skip locked)
      returning %2$s"""
          .formatted(LEASE_FREE, SagaRows.CLAIMED_COLUMNS);

  /** Ends the leases an instance of this name held before it started: {@link #releaseLeases}. */
  private static final String RELEASE =
      """
      update saga set lease_until = $2
      where lease_owner = $1 and lease_until > $2 and ($3::timestamptz is null or lease_until < $3)""";

  /** The inputs of claimed sagas this instance has not kept. */
  private static final String INPUTS = "select id, input from saga where id = any($1)";

  /**
   * Records the commands and inserts their sagas in one statement, whatever their number, so taking
   * in a poll of commands costs one round trip (and one implicit transaction): each command's
   * columns arrive as one array per column, and a saga row is written only for the command ids that
   * were new. This is the intake's hot path.
   */
  private static final String START =
      """
      with incoming as (
        select * from unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                             $8::text[], $9::text[], $10::int[], $11::int[], $12::timestamptz[], $13::timestamptz[],
                             $14::timestamptz[], $15::timestamptz[], $16::int[], $17::text[], $18::text[], $19::bool[])
          as t(command_id, id, type, status, step, region_id, input, image_id, client_token, token_generation,
               attempt, created_at, step_started_at, next_wake_at, deadline_at, progress, snapshot_ids, trace_parent,
               submit_unconfirmed)),
      taken as (
        insert into processed_command (command_id, saga_id, outcome, received_at)
        select command_id, id, 'STARTED', $20 from incoming
        on conflict (command_id) do nothing returning command_id)
      insert into saga (id, type, status, step, command_id, region_id, input, image_id, client_token, token_generation,
                        attempt, created_at, updated_at, step_started_at, next_wake_at, deadline_at, progress,
                        snapshot_ids, trace_parent, submit_unconfirmed, version)
      select i.id, i.type, i.status, i.step, i.command_id, i.region_id, i.input, i.image_id, i.client_token,
             i.token_generation, i.attempt, i.created_at, $20, i.step_started_at, i.next_wake_at, i.deadline_at,
             i.progress, i.snapshot_ids, i.trace_parent, i.submit_unconfirmed, 0
      from incoming i join taken using (command_id)
      returning id""";

  @Inject Clock clock;
  @Inject SagaHistoryWriter history;
  @Inject Pool pool;
  @Inject Event<OutboxWritten> outboxWritten;
  @Inject SagaConfig config;

  private SagaInputs inputs;

  @PostConstruct
  void keepInputs() {
    inputs = new SagaInputs(config.inputCacheSize());
  }

  /** The inputs this instance keeps. */
  SagaInputs keptInputs() {
    return inputs;
  }

  @Override
  public Uni<List<Boolean>> startAll(List<Saga> sagas) {
    if (sagas.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    Instant now = clock.instant();
    Tuple values = startValues(sagas, now);
    // A saga this instance takes in is usually claimed by it too: its input is kept from the start.
    return pool.preparedQuery(START)
        .execute(values)
        .map(
            written -> {
              Set<UUID> started = new HashSet<>();
              written.forEach(r -> started.add(r.getUUID(0)));
              List<Boolean> answers = new ArrayList<>(sagas.size());
              for (Saga saga : sagas) {
                boolean isNew = started.contains(saga.id());
                if (isNew) {
                  inputs.keep(saga.id(), saga.input());
                }
                answers.add(isNew);
              }
              return answers;
            });
  }

  /** One column of {@code rows} as an array, for a statement that reads it with unnest. */
  private static <T> T[] column(
      List<SagaEntity> rows, Function<SagaEntity, T> value, IntFunction<T[]> array) {
    return rows.stream().map(value).toArray(array);
  }

  @Override
  public Uni<Boolean> reject(String commandId, RejectedCommand why, OutboxMessage rejection) {
    Instant now = clock.instant();
    return Panache.withTransaction(
            () ->
                ProcessedCommandEntity.<ProcessedCommandEntity>findById(commandId)
                    .chain(
                        seen ->
                            seen != null
                                ? Uni.createFrom().item(false)
                                : RejectedCommandRows.of(commandId, why, now)
                                    .persist()
                                    .chain(x -> OutboxRows.newRow(rejection).persist())
                                    .replaceWith(true)))
        .invoke(recorded -> written(recorded ? 1 : 0));
  }

  @Override
  public Uni<List<Saga>> claimDue(
      Instant now, int limit, String owner, Duration lease, Instant liveSince) {
    // One statement, so one round trip in autocommit; rows are mapped straight from the SQL client.
    // The claim runs several times a second on every instance, busy or idle. A second round trip
    // reads the inputs this instance has not kept, if any.
    Tuple values =
        Tuple.of(
            owner,
            SagaRows.utc(now.plus(lease)),
            SagaRows.utc(now),
            limit,
            SagaRows.utc(liveSince));
    return pool.preparedQuery(CLAIM)
        .execute(values)
        .chain(
            rows -> {
              List<SagaEntity> claimed = new ArrayList<>(rows.rowCount());
              List<UUID> unknown = new ArrayList<>();
              for (Row row : rows) {
                SagaEntity e = SagaRows.claimedEntityOf(row);
                claimed.add(e);
                if (inputs.get(e.id) == null) {
                  unknown.add(e.id);
                }
              }
              if (unknown.isEmpty()) {
                return Uni.createFrom().item(sagas(claimed, Map.of()));
              }
              return pool.preparedQuery(INPUTS)
                  .execute(Tuple.of(unknown.toArray(UUID[]::new)))
                  .map(
                      found -> {
                        Map<UUID, String> texts = new HashMap<>();
                        found.forEach(r -> texts.put(r.getUUID(0), r.getString(1)));
                        return sagas(claimed, texts);
                      });
            });
  }

  @Override
  public Uni<Integer> releaseLeases(String owner, Instant now, Instant heldUntilBefore) {
    return pool.preparedQuery(RELEASE)
        .execute(
            Tuple.of(
                owner,
                SagaRows.utc(now),
                heldUntilBefore == null ? null : SagaRows.utc(heldUntilBefore)))
        .map(rows -> rows.rowCount());
  }

  /** The claimed rows as sagas, each input kept or read from {@code texts}. */
  private List<Saga> sagas(List<SagaEntity> claimed, Map<UUID, String> texts) {
    List<Saga> sagas = new ArrayList<>(claimed.size());
    for (SagaEntity e : claimed) {
      readable(e, texts.get(e.id)).ifPresent(sagas::add);
    }
    return sagas;
  }

  /** A claimed row with its kept input, or with the input read from {@code text} and kept. */
  private Optional<Saga> readable(SagaEntity row, String text) {
    try {
      SagaInput input = inputs.get(row.id);
      if (input == null) {
        input = SagaInputJson.read(text);
        inputs.keep(row.id, input);
      }
      return Optional.of(SagaRows.toSaga(row, input));
    } catch (RuntimeException e) {
      LOG.errorf("EIS-3002 saga %s cannot be read and is skipped: %s", row.id, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * A row that cannot be read (a defect, or a row written by a newer version) must not stop every
   * other saga: it is logged and left leased, so it comes back after the lease, not in a tight
   * loop.
   */
  private static Optional<Saga> readable(SagaEntity row) {
    try {
      return Optional.of(SagaRows.toSaga(row));
    } catch (RuntimeException e) {
      LOG.errorf("EIS-3002 saga %s cannot be read and is skipped: %s", row.id, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Stores a pass's decisions in one transaction of a few statements, however many sagas moved: the
   * saga updates go as one pipelined batch, each guarded by the version its decision was computed
   * from and by this instance's lease; only the moves that pass the guard write their history and
   * their events. Steps chained in one pass are one update of the row (guarded by the version they
   * started from), with a history row for each of them. Polls that changed nothing but the wake-up
   * time are stored apart, all in one statement ({@link QuietMoves}). Plain SQL rather than
   * entities: the coordinator already holds every value, so reading the rows again would only cost
   * a round trip and a copy.
   */
  @Override
  public Uni<List<UUID>> apply(List<Transit> transits, String owner) {
    if (transits.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    Instant now = clock.instant();
    transits.stream()
        .filter(t -> t.next().status().isTerminal())
        .forEach(t -> inputs.forget(t.next().id()));
    List<Transit> quiet = transits.stream().filter(QuietMoves::isQuiet).toList();
    List<Transit> moves = transits.stream().filter(t -> !QuietMoves.isQuiet(t)).toList();
    if (moves.isEmpty()) {
      return QuietMoves.store(pool, quiet, owner, now).invoke(stored -> dropped(quiet, stored));
    }
    // Quiet moves carry no events; the others may (a dropped move's events are counted too, which
    // only wakes the relay once for nothing).
    int events = moves.stream().mapToInt(t -> t.events().size()).sum();
    return pool.withTransaction(
            connection ->
                QuietMoves.store(connection, quiet, owner, now)
                    .invoke(stored -> dropped(quiet, stored))
                    .chain(
                        stored ->
                            storeMoves(connection, moves, owner, now)
                                .map(
                                    more -> {
                                      List<UUID> all = new ArrayList<>(stored);
                                      all.addAll(more);
                                      return all;
                                    })))
        .invoke(() -> written(events));
  }

  private static void dropped(List<Transit> quiet, List<UUID> stored) {
    if (stored.size() < quiet.size()) {
      Set<UUID> kept = new HashSet<>(stored);
      quiet.stream().filter(t -> !kept.contains(t.next().id())).forEach(PanacheSagaStore::dropped);
    }
  }

  private static void dropped(Transit t) {
    LOG.warnf(
        "EIS-3001 saga %s moved on elsewhere (version %s or its lease is gone); its step result is dropped",
        t.next().id(), t.previousVersion());
  }

  /** Tells the relay, after the commit, that events wait in the outbox. */
  private void written(int rows) {
    if (rows > 0) {
      outboxWritten.fire(new OutboxWritten(rows));
    }
  }

  /** The parameters of {@link #START} for new sagas. */
  private static Tuple startValues(List<Saga> sagas, Instant now) {
    List<SagaEntity> rows = sagas.stream().map(saga -> SagaRows.newRow(saga, now)).toList();
    Set<String> seen = new HashSet<>();
    for (SagaEntity row : rows) {
      if (!seen.add(row.commandId)) {
        throw new IllegalArgumentException(
            "command id " + row.commandId + " appears twice in one start");
      }
    }
    Tuple values =
        Tuple.from(
            Arrays.asList(
                column(rows, r -> r.commandId, String[]::new),
                column(rows, r -> r.id, UUID[]::new),
                column(rows, r -> r.type, String[]::new),
                column(rows, r -> r.status, String[]::new),
                column(rows, r -> r.step, String[]::new),
                column(rows, r -> r.regionId, String[]::new),
                column(rows, r -> r.input, String[]::new),
                column(rows, r -> r.imageId, String[]::new),
                column(rows, r -> r.clientToken, String[]::new),
                column(rows, r -> r.tokenGeneration, Integer[]::new),
                column(rows, r -> r.attempt, Integer[]::new),
                column(rows, r -> SagaRows.utc(r.createdAt), OffsetDateTime[]::new),
                column(rows, r -> SagaRows.utc(r.stepStartedAt), OffsetDateTime[]::new),
                column(rows, r -> SagaRows.utc(r.nextWakeAt), OffsetDateTime[]::new),
                column(rows, r -> SagaRows.utc(r.deadlineAt), OffsetDateTime[]::new),
                column(rows, r -> r.progress, Integer[]::new),
                column(rows, r -> r.snapshotIds, String[]::new),
                column(rows, r -> r.traceParent, String[]::new),
                column(rows, r -> r.submitUnconfirmed, Boolean[]::new),
                SagaRows.utc(now)));
    return values;
  }

  private Uni<List<UUID>> storeMoves(
      SqlConnection connection, List<Transit> transits, String owner, Instant now) {
    if (transits.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<Tuple> updates =
        transits.stream()
            .map(t -> SagaRows.stateUpdate(t.next(), t.previousVersion(), owner, now))
            .toList();
    return connection
        .preparedQuery(SagaRows.UPDATE_STATE)
        .executeBatch(updates)
        .chain(
            results -> {
              List<Transit> moved = new ArrayList<>();
              RowSet<Row> result = results;
              for (Transit t : transits) {
                if (result.rowCount() == 1) {
                  moved.add(t);
                } else {
                  dropped(t);
                }
                result = result.next();
              }
              var steps = history.batch();
              // A transit of several moves (steps chained in one pass) is one row update but a
              // history
              // row per move, the same rows as if each move had been stored on its own.
              for (Transit t : moved) {
                for (int i = 0; i < t.moves(); i++) {
                  steps.add(t.path().get(i), t.path().get(i + 1), now);
                }
              }
              List<Tuple> rows =
                  moved.stream()
                      .flatMap(t -> t.events().stream())
                      .map(OutboxRows::insertValues)
                      .toList();
              Uni<Void> written = steps.writeOn(connection);
              List<Saga> starts = moved.stream().flatMap(t -> t.starts().stream()).toList();
              if (!starts.isEmpty()) {
                written =
                    written.chain(
                        () ->
                            connection
                                .preparedQuery(START)
                                .execute(startValues(starts, now))
                                .replaceWithVoid());
              }
              if (!rows.isEmpty()) {
                written =
                    written.chain(
                        () ->
                            connection
                                .preparedQuery(OutboxRows.INSERT)
                                .executeBatch(rows)
                                .replaceWithVoid());
              }
              return written.replaceWith(moved.stream().map(t -> t.next().id()).toList());
            });
  }

  @Override
  public Uni<Void> append(OutboxMessage event) {
    return Panache.withTransaction(() -> OutboxRows.newRow(event).persist())
        .replaceWithVoid()
        .invoke(() -> written(1));
  }

  @Override
  public Uni<Optional<Saga>> findActiveOnImage(String regionId, String imageId) {
    return Panache.withSession(
            () ->
                SagaEntity.<SagaEntity>find(
                        "regionId = ?1 and imageId = ?2 and status in ('RUNNING', 'WAITING', 'COMPENSATING')",
                        regionId,
                        imageId)
                    .firstResult())
        .map(e -> Optional.ofNullable(e).map(SagaRows::toSaga));
  }

  @Override
  public Uni<List<Saga>> findStuck(Instant overdueBefore, int limit) {
    return Panache.withSession(
            () ->
                SagaEntity.<SagaEntity>find(
                        "status in ('RUNNING', 'WAITING', 'COMPENSATING') and (nextWakeAt < ?1 or deadlineAt < ?1) order by nextWakeAt",
                        overdueBefore)
                    .page(0, limit)
                    .list())
        .map(
            rows ->
                rows.stream().map(PanacheSagaStore::readable).flatMap(Optional::stream).toList());
  }

  /**
   * A stable event id makes the insert a no-op the second time, so each stuck state is reported
   * once.
   */
  private static final String INSERT_ONCE =
      """
      insert into outbox (event_id, saga_id, type, message_key, payload, headers, occurred_at)
      values (:eventId, :sagaId, :type, :key, :payload, :headers, :occurredAt) on conflict (event_id) do nothing""";

  @Override
  public Uni<Integer> appendOnce(List<OutboxMessage> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            Uni.join()
                                .all(
                                    events.stream()
                                        .map(
                                            m -> {
                                              OutboxEntity row = OutboxRows.newRow(m);
                                              return session
                                                  .createNativeQuery(INSERT_ONCE)
                                                  .setParameter("eventId", row.eventId)
                                                  .setParameter("sagaId", row.sagaId)
                                                  .setParameter("type", row.type)
                                                  .setParameter("key", row.messageKey)
                                                  .setParameter("payload", row.payload)
                                                  .setParameter("headers", row.headers)
                                                  .setParameter("occurredAt", row.occurredAt)
                                                  .executeUpdate();
                                            })
                                        .toList())
                                .andFailFast()))
        .map(counts -> counts.stream().mapToInt(Integer::intValue).sum())
        .invoke(this::written);
  }

  @Override
  public Uni<Optional<Saga>> find(UUID id) {
    return Panache.withSession(() -> SagaEntity.<SagaEntity>findById(id))
        .map(e -> Optional.ofNullable(e).map(SagaRows::toSaga));
  }

  @Override
  public Uni<Optional<Saga>> findByCommandId(String commandId) {
    return Panache.withSession(
            () -> SagaEntity.<SagaEntity>find("commandId", commandId).firstResult())
        .map(e -> Optional.ofNullable(e).map(SagaRows::toSaga));
  }

  private static ProcessedCommandEntity processed(
      String commandId, UUID sagaId, String outcome, Instant now) {
    ProcessedCommandEntity p = new ProcessedCommandEntity();
    p.commandId = commandId;
    p.sagaId = sagaId;
    p.outcome = outcome;
    p.receivedAt = now;
    return p;
  }
}
