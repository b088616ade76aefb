package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaInput;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Saga claiming: leases due sagas to a pass and ends an instance's leases. Claimed rows come back
 * without their input, which is taken from the inputs this instance keeps or read once.
 */
final class PgSagaClaims {

  private static final Logger LOG = Logger.getLogger(PgSagaClaims.class);

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

  private final Pool pool;
  private final SagaInputs inputs;

  PgSagaClaims(Pool pool, SagaInputs inputs) {
    this.pool = pool;
    this.inputs = inputs;
  }

  Uni<List<Saga>> claimDue(
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

  Uni<Integer> releaseLeases(String owner, Instant now, Instant heldUntilBefore) {
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
}
