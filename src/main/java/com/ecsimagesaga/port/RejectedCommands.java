package com.ecsimagesaga.port;

import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/** Looks up commands the intake rejected. */
public interface RejectedCommands {

  /**
   * The rejected command that would have started saga {@code sagaId}, if one was rejected; empty
   * also for rejections recorded before reasons were kept.
   */
  Uni<Optional<RejectedCommand>> bySagaId(UUID sagaId);
}
