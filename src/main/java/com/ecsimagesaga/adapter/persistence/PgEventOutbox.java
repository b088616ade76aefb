package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.EventOutbox;
import com.ecsimagesaga.port.OutboxMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@link EventOutbox} on the outbox table. */
@ApplicationScoped
public class PgEventOutbox implements EventOutbox {

  /**
   * A transaction-scoped advisory lock: one relay at a time across all instances, so events leave
   * in outbox order. The number is arbitrary but fixed.
   */
  private static final String RELAY_LOCK = "select pg_try_advisory_xact_lock(7318604)";

  /** The oldest unpublished events, in the order they were stored. */
  private static final String PENDING =
      """
      select id, event_id, saga_id, type, message_key, payload, headers, occurred_at from outbox
      where published_at is null order by id limit $1""";

  private static final String MARK = "update outbox set published_at = $1 where id = any($2)";

  @Inject Clock clock;
  @Inject Pool pool;

  /**
   * One transaction on the SQL client: the relay lock, the oldest events, and once the broker
   * acknowledged them one statement that marks them published. (Through Hibernate this was an
   * entity per event and an update per event; the relay moves every event the service makes.)
   */
  @Override
  public Uni<Integer> drain(
      int limit, Function<List<OutboxMessage>, Uni<List<OutboxMessage>>> publish) {
    return pool.withTransaction(
        connection ->
            connection
                .query(RELAY_LOCK)
                .execute()
                .chain(
                    locked ->
                        !locked.iterator().next().getBoolean(0)
                            ? Uni.createFrom().item(0)
                            : connection
                                .preparedQuery(PENDING)
                                .execute(Tuple.of(limit))
                                .chain(rows -> publishAndMark(connection, rows, publish))));
  }

  private Uni<Integer> publishAndMark(
      SqlConnection connection,
      RowSet<Row> rows,
      Function<List<OutboxMessage>, Uni<List<OutboxMessage>>> publish) {
    if (rows.rowCount() == 0) {
      return Uni.createFrom().item(0);
    }
    List<OutboxMessage> pending = new ArrayList<>(rows.rowCount());
    rows.forEach(r -> pending.add(OutboxRows.toMessage(r)));
    return publish
        .apply(pending)
        .chain(
            sent ->
                sent.isEmpty()
                    ? Uni.createFrom().item(0)
                    : connection
                        .preparedQuery(MARK)
                        .execute(
                            Tuple.of(
                                SagaRows.utc(clock.instant()),
                                sent.stream().map(OutboxMessage::id).toArray(Long[]::new)))
                        .replaceWith(sent.size()));
  }

  @Override
  public Uni<Long> backlog() {
    return Panache.withSession(() -> OutboxEntity.count("publishedAt is null"));
  }
}
