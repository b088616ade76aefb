package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.port.EventEncoder;
import com.ecsimagesaga.port.OutboxMessage;
import com.ecsimagesaga.saga.SagaEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link EventEncoder} without Avro: the event's type is its record's simple name, the payload its
 * text, the key its saga id. Enough for a test to read which events a use case wrote, and in which
 * order.
 */
public final class FakeEventEncoder implements EventEncoder {

  /** The type written for a rejected command. */
  public static final String COMMAND_REJECTED = "CommandRejected";

  @Override
  public OutboxMessage encode(SagaEvent event) {
    return new OutboxMessage(
        0,
        event.eventId(),
        event.sagaId(),
        event.getClass().getSimpleName(),
        event.sagaId().toString(),
        event.toString().getBytes(StandardCharsets.UTF_8),
        Map.of(),
        event.occurredAt());
  }

  @Override
  public OutboxMessage encodeRejection(
      UUID eventId,
      String commandId,
      String commandType,
      Instant occurredAt,
      List<Violation> violations) {
    return new OutboxMessage(
        0,
        eventId,
        null,
        COMMAND_REJECTED,
        commandId,
        (commandType + " " + commandId + " " + violations).getBytes(StandardCharsets.UTF_8),
        Map.of(),
        occurredAt);
  }
}
