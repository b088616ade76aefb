package com.ecsimagesaga.saga.update;

import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.SagaEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The events of an update saga. */
public final class UpdateEvents {

  private UpdateEvents() {}

  /**
   * @param changes what was changed: attributes, tags added, tags removed, resource group
   */
  public record ImageUpdated(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      List<String> changes)
      implements SagaEvent {}

  public record ImageUpdateFailed(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      Failure failure,
      List<String> appliedChanges)
      implements SagaEvent {}
}
