package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.SagaStore.Transit;
import com.ecsimagesaga.saga.Saga;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * Saga moves: stores a pass's decisions (the saga rows, their history and their events) under the
 * version and lease guard, in one transaction.
 */
final class PgSagaMoves {

  private static final Logger LOG = Logger.getLogger(PgSagaMoves.class);

  private final Pool pool;
  private final Clock clock;
  private final SagaHistoryWriter history;
  private final SagaInputs inputs;
  private final IntConsumer written;

  PgSagaMoves(
      Pool pool, Clock clock, SagaHistoryWriter history, SagaInputs inputs, IntConsumer written) {
    this.pool = pool;
    this.clock = clock;
    this.history = history;
    this.inputs = inputs;
    this.written = written;
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
  Uni<List<UUID>> apply(List<Transit> transits, String owner) {
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
        .invoke(() -> written.accept(events));
  }

  private static void dropped(List<Transit> quiet, List<UUID> stored) {
    if (stored.size() < quiet.size()) {
      Set<UUID> kept = new HashSet<>(stored);
      quiet.stream().filter(t -> !kept.contains(t.next().id())).forEach(PgSagaMoves::dropped);
    }
  }

  private static void dropped(Transit t) {
    LOG.warnf(
        "EIS-3001 saga %s moved on elsewhere (version %s or its lease is gone); its step result is dropped",
        t.next().id(), t.previousVersion());
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
                // Sagas a move starts (a created image's copies) are stored with it, through the
                // intake's statement, so the command de-duplication holds for them too.
                written =
                    written.chain(
                        () ->
                            connection
                                .preparedQuery(PgCommandDedupe.START)
                                .execute(PgCommandDedupe.startValues(starts, now))
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
}
