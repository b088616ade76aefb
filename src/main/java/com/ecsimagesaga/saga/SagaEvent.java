package com.ecsimagesaga.saga;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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

  record ImageCreated(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      String imageName,
      String status,
      boolean usable,
      List<String> snapshotIds)
      implements SagaEvent {}

  /**
   * ECS made meaningful progress on the image (a new status or another 10%), or the saga started
   * waiting for ECS quota before it could ask ECS.
   *
   * @param imageId empty while the saga waits for quota before CreateImage was accepted
   * @param phase {@link #CREATING} or {@link #WAITING_FOR_QUOTA}
   * @param quotaWaitUntil with {@link #WAITING_FOR_QUOTA}, when the saga's turn is expected
   */
  record ImageCreationProgressed(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      String status,
      int progress,
      String phase,
      Instant quotaWaitUntil)
      implements SagaEvent {

    public static final String CREATING = "CREATING";
    public static final String WAITING_FOR_QUOTA = "WAITING_FOR_QUOTA";

    /** The progress event of saga {@code s} at {@code now}, with an id stable for its version. */
    public static ImageCreationProgressed of(
        Saga s,
        Instant now,
        String imageId,
        String status,
        int progress,
        String phase,
        Instant quotaWaitUntil) {
      return new ImageCreationProgressed(
          stableId(s.id(), s.version(), "ImageCreationProgressed"),
          s.id(),
          s.commandId(),
          now,
          s.regionId(),
          imageId,
          status,
          progress,
          phase,
          quotaWaitUntil);
    }

    /** Progress ECS reported on the image. */
    public ImageCreationProgressed(
        UUID eventId,
        UUID sagaId,
        String commandId,
        Instant occurredAt,
        String regionId,
        String imageId,
        String status,
        int progress) {
      this(
          eventId,
          sagaId,
          commandId,
          occurredAt,
          regionId,
          imageId,
          status,
          progress,
          CREATING,
          null);
    }
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

  /**
   * @param compensation NOT_NEEDED, COMPENSATED or COMPENSATION_FAILED
   */
  record ImageCreationFailed(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      Failure failure,
      String compensation)
      implements SagaEvent {}

  /**
   * @param changes what was changed: attributes, tags added, tags removed, resource group
   */
  record ImageUpdated(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      List<String> changes)
      implements SagaEvent {}

  record ImageUpdateFailed(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      Failure failure,
      List<String> appliedChanges)
      implements SagaEvent {}

  record ImageDeleted(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      boolean alreadyAbsent,
      List<String> deletedSnapshotIds)
      implements SagaEvent {}

  record ImageDeletionFailed(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      Failure failure)
      implements SagaEvent {}
}
