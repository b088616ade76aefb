package com.ecsimagesaga.app;

import com.ecsimagesaga.command.Violation;
import java.util.List;
import java.util.UUID;

/** What happened to a command at intake. */
public sealed interface IntakeResult {

  record Started(UUID sagaId) implements IntakeResult {}

  /** The command id was seen before; nothing new was started. */
  record Duplicate(String commandId) implements IntakeResult {}

  record Rejected(List<Violation> violations) implements IntakeResult {}
}
