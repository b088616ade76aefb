package com.ecsimagesaga.port;

import java.time.Instant;
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
 * @param headers transport headers such as the CloudEvents attributes
 */
public record OutboxMessage(long id, UUID eventId, UUID sagaId, String type, String key, byte[] payload,
    Map<String, String> headers, Instant occurredAt) {

  public OutboxMessage withId(long newId) {
    return new OutboxMessage(newId, eventId, sagaId, type, key, payload, headers, occurredAt);
  }
}
