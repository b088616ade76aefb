package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.port.RejectedCommand;
import java.time.Instant;
import java.util.List;

/**
 * What {@code /api/sagas/<id>} shows for a saga that never started because its command was
 * rejected: status {@code REJECTED} and every violation, as in the CommandRejected event.
 */
public record RejectedCommandView(
    String id,
    String commandId,
    String commandType,
    String status,
    Instant rejectedAt,
    List<Violation> violations) {

  static RejectedCommandView of(RejectedCommand r) {
    return new RejectedCommandView(
        r.sagaId().toString(),
        r.commandId(),
        r.commandType(),
        "REJECTED",
        r.rejectedAt(),
        r.violations());
  }
}
