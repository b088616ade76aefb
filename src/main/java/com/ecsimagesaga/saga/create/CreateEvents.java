package com.ecsimagesaga.saga.create;

import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The events of a create saga. */
public final class CreateEvents {

  private CreateEvents() {}

  public record ImageCreated(
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
  public record ImageCreationProgressed(
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
          SagaEvent.stableId(s.id(), s.version(), "ImageCreationProgressed"),
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

  /**
   * @param compensation NOT_NEEDED, COMPENSATED or COMPENSATION_FAILED
   */
  public record ImageCreationFailed(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      Failure failure,
      String compensation)
      implements SagaEvent {}
}
