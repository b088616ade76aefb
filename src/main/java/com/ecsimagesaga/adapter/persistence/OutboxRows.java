package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.OutboxMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Map;

/** Maps outbox messages to rows and back. */
final class OutboxRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private OutboxRows() {}

  /**
   * Appends one event; ids follow the order of the statements, which is the order events leave in.
   */
  static final String INSERT =
      """
      insert into outbox (event_id, saga_id, type, message_key, payload, headers, occurred_at)
      values ($1, $2, $3, $4, $5, $6, $7)""";

  /** The parameters of {@link #INSERT}. */
  static Tuple insertValues(OutboxMessage m) {
    OutboxEntity e = newRow(m);
    return Tuple.from(
        Arrays.asList(
            e.eventId,
            e.sagaId,
            e.type,
            e.messageKey,
            Buffer.buffer(e.payload),
            e.headers,
            SagaRows.utc(e.occurredAt)));
  }

  static OutboxEntity newRow(OutboxMessage m) {
    OutboxEntity e = new OutboxEntity();
    e.eventId = m.eventId();
    e.sagaId = m.sagaId();
    e.type = m.type();
    e.messageKey = m.key();
    e.payload = m.payload();
    e.occurredAt = m.occurredAt();
    try {
      e.headers = JSON.writeValueAsString(m.headers());
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("headers of event " + m.eventId() + " cannot be stored", ex);
    }
    return e;
  }

  /**
   * A row of {@code id, event_id, saga_id, type, message_key, payload, headers, occurred_at}, read
   * through the SQL client.
   */
  static OutboxMessage toMessage(Row r) {
    long id = r.getLong(0);
    try {
      return new OutboxMessage(
          id,
          r.getUUID(1),
          r.getUUID(2),
          r.getString(3),
          r.getString(4),
          r.getBuffer(5).getBytes(),
          JSON.readValue(r.getString(6), HEADERS),
          r.getOffsetDateTime(7).toInstant());
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("headers of outbox row " + id + " are unreadable", ex);
    }
  }
}
