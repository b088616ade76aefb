package com.ecsimagesaga.port;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.saga.SagaEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns domain events into the service's wire format, once, before they are stored in the outbox.
 */
public interface EventEncoder {

  /** Encodes a saga lifecycle event. */
  OutboxMessage encode(SagaEvent event);

  /** Encodes the rejection of a command that failed validation. */
  OutboxMessage encodeRejection(
      UUID eventId,
      String commandId,
      String commandType,
      Instant occurredAt,
      List<Violation> violations);
}
