package com.ecsimagesaga.port;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An event ready to leave the service: encoded once, stored in the outbox, published as is.
 *
 * @param id position in the outbox, assigned by the store (0 before it is stored)
 * @param eventId stable id that consumers de-duplicate on
 * @param type event type, for example {@code ImageCreated}
 * @param key the Kafka record key
 * @param payload the encoded record
 * @param headers transport headers such as the CloudEvents attributes, and {@link #TRACE_PARENT}
 *     when the event continues a trace
 */
public record OutboxMessage(
    long id,
    UUID eventId,
    UUID sagaId,
    String type,
    String key,
    byte[] payload,
    Map<String, String> headers,
    Instant occurredAt) {

  /** The header that carries the W3C trace context the event was emitted in. */
  public static final String TRACE_PARENT = "traceparent";

  /** This message, emitted in the given trace context; unchanged when there is none. */
  public OutboxMessage inTrace(String traceParent) {
    if (traceParent == null) {
      return this;
    }
    Map<String, String> withTrace = new LinkedHashMap<>(headers);
    withTrace.put(TRACE_PARENT, traceParent);
    return new OutboxMessage(
        id, eventId, sagaId, type, key, payload, Map.copyOf(withTrace), occurredAt);
  }

  /** The trace context the event was emitted in, or null. */
  public String traceParent() {
    return headers.get(TRACE_PARENT);
  }

  public OutboxMessage withId(long newId) {
    return new OutboxMessage(newId, eventId, sagaId, type, key, payload, headers, occurredAt);
  }
}
