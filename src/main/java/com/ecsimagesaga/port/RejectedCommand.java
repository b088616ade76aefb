package com.ecsimagesaga.port;

import com.ecsimagesaga.command.Violation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A command the intake rejected, as recorded with its rejection: what a client that was told where
 * its saga would be finds there instead.
 *
 * @param sagaId the saga the command would have started (derived from its command id)
 * @param commandId the command's id
 * @param commandType the command as its kind names it on the wire, for example {@code CreateImage}
 * @param rejectedAt when it was rejected
 * @param violations every rule it broke, as in its CommandRejected event
 */
public record RejectedCommand(
    UUID sagaId,
    String commandId,
    String commandType,
    Instant rejectedAt,
    List<Violation> violations) {

  public RejectedCommand {
    violations = List.copyOf(violations);
  }
}
