package com.ecsimagesaga.saga;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Lifecycle events a saga emits; they leave the service through the outbox. */
public interface SagaEvent {

  UUID eventId();

  UUID sagaId();

  String commandId();

  Instant occurredAt();

  /**
   * A stable event id: the same saga, version and event type always give the same id, so a decision
   * that is computed again after a crash cannot emit a second, different event.
   */
  static UUID stableId(UUID sagaId, long version, String type) {
    return UUID.nameUUIDFromBytes(
        (sagaId + "/" + version + "/" + type).getBytes(StandardCharsets.UTF_8));
  }

  /** A repeated command found its saga here; nothing new was started. */
  record SagaStateReported(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String sagaType,
      String status,
      String step,
      String imageId,
      int progress,
      String errorCode)
      implements SagaEvent {

    /** The report of a saga's state now. */
    public static SagaStateReported of(Saga s, UUID eventId, Instant now) {
      return new SagaStateReported(
          eventId,
          s.id(),
          s.commandId(),
          now,
          s.regionId(),
          s.type().name(),
          s.status().name(),
          s.step().name(),
          s.imageId(),
          s.progress(),
          s.failure() == null ? null : s.failure().code());
    }
  }

  /** A saga made no progress for longer than it should. */
  record SagaStuck(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String sagaType,
      String status,
      String step,
      int attempt,
      String reason)
      implements SagaEvent {}
}
