package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.OutboxMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Maps outbox messages to rows and back. */
final class OutboxRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private OutboxRows() {}

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

  static OutboxMessage toMessage(OutboxEntity e) {
    try {
      return new OutboxMessage(e.id, e.eventId, e.sagaId, e.type, e.messageKey, e.payload, JSON.readValue(e.headers, HEADERS),
          e.occurredAt);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("headers of outbox row " + e.id + " are unreadable", ex);
    }
  }
}
