package com.ecsimagesaga.saga.delete;

import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.SagaEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The events of a delete saga. */
public final class DeleteEvents {

  private DeleteEvents() {}

  public record ImageDeleted(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      boolean alreadyAbsent,
      List<String> deletedSnapshotIds)
      implements SagaEvent {}

  public record ImageDeletionFailed(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      Failure failure)
      implements SagaEvent {}
}
