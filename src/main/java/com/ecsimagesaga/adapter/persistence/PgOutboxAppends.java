package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.OutboxMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.IntConsumer;

/** Outbox writes that change no saga: an answer on its own, and reports written once. */
final class PgOutboxAppends {

  /**
   * A stable event id makes the insert a no-op the second time, so each stuck state is reported
   * once.
   */
  private static final String INSERT_ONCE =
      """
      insert into outbox (event_id, saga_id, type, message_key, payload, headers, occurred_at)
      values (:eventId, :sagaId, :type, :key, :payload, :headers, :occurredAt) on conflict (event_id) do nothing""";

  private final IntConsumer written;

  PgOutboxAppends(IntConsumer written) {
    this.written = written;
  }

  Uni<Void> append(OutboxMessage event) {
    return Panache.withTransaction(() -> OutboxRows.newRow(event).persist())
        .replaceWithVoid()
        .invoke(() -> written.accept(1));
  }

  Uni<Integer> appendOnce(List<OutboxMessage> events) {
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
        .invoke(written::accept);
  }
}
