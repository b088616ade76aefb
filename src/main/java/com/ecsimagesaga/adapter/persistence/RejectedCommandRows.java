package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.command.Violation;
import com.ecsimagesaga.port.RejectedCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;

/** A rejected command as a {@code processed_command} row, and back. */
final class RejectedCommandRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {};

  private RejectedCommandRows() {}

  static ProcessedCommandEntity of(String dedupeKey, RejectedCommand why, Instant now) {
    ProcessedCommandEntity p = new ProcessedCommandEntity();
    p.commandId = dedupeKey;
    p.sagaId = why.sagaId();
    p.outcome = "REJECTED";
    p.receivedAt = now;
    p.commandType = why.commandType();
    try {
      p.violations = JSON.writeValueAsString(why.violations());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("violations are plain strings", e);
    }
    return p;
  }

  static RejectedCommand from(ProcessedCommandEntity row) {
    try {
      return new RejectedCommand(
          row.sagaId,
          row.commandId,
          row.commandType,
          row.receivedAt,
          JSON.readValue(row.violations, VIOLATIONS));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable violations of command " + row.commandId, e);
    }
  }
}
