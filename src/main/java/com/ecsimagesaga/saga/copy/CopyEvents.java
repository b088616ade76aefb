package com.ecsimagesaga.saga.copy;

import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaEvent;
import java.time.Instant;
import java.util.UUID;

/** The events of a copy saga. Their command id is the one the user sent. */
public final class CopyEvents {

  private CopyEvents() {}

  /** ECS made another 10% of the copy. */
  public record ImageCopyProgressed(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      String sourceRegionId,
      String sourceImageId,
      String status,
      int progress)
      implements SagaEvent {}

  /**
   * The copy in {@code regionId} is made.
   *
   * @param usable whether ECS says instances can be launched from the copy now
   */
  public record ImageCopied(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      String sourceRegionId,
      String sourceImageId,
      String imageName,
      String status,
      boolean usable)
      implements SagaEvent {}

  /**
   * The copy in {@code regionId} could not be made.
   *
   * @param imageId the unfinished copy, or null when ECS never accepted it
   * @param compensation NOT_NEEDED, COMPENSATED (the unfinished copy was cancelled or deleted) or
   *     COMPENSATION_FAILED
   */
  public record ImageCopyFailed(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      String sourceRegionId,
      String sourceImageId,
      Failure failure,
      String compensation)
      implements SagaEvent {}

  static ImageCopyProgressed progressed(Saga s, Instant now, String status, int progress) {
    CopyInput in = (CopyInput) s.input();
    return new ImageCopyProgressed(
        SagaEvent.stableId(s.id(), s.version(), "ImageCopyProgressed"),
        s.id(),
        in.requestedBy(),
        now,
        s.regionId(),
        s.imageId(),
        in.sourceRegionId(),
        in.sourceImageId(),
        status,
        progress);
  }

  static ImageCopied copied(Saga s, Instant now, String imageName, String status, boolean usable) {
    CopyInput in = (CopyInput) s.input();
    return new ImageCopied(
        SagaEvent.stableId(s.id(), s.version(), "ImageCopied"),
        s.id(),
        in.requestedBy(),
        now,
        s.regionId(),
        s.imageId(),
        in.sourceRegionId(),
        in.sourceImageId(),
        imageName,
        status,
        usable);
  }

  static ImageCopyFailed failed(Saga s, Instant now, Failure failure, String compensation) {
    CopyInput in = (CopyInput) s.input();
    return new ImageCopyFailed(
        SagaEvent.stableId(s.id(), s.version(), "ImageCopyFailed"),
        s.id(),
        in.requestedBy(),
        now,
        s.regionId(),
        s.imageId(),
        in.sourceRegionId(),
        in.sourceImageId(),
        failure,
        compensation);
  }
}
