package com.ecsimagesaga.saga.share;

import com.ecsimagesaga.saga.Failure;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The events of a change to who an image is shared with. */
public final class ShareEvents {

  private ShareEvents() {}

  /**
   * ECS shares the image with the added accounts and no longer with the removed ones.
   *
   * @param sharedWith every account the image is shared with now, as ECS lists them; empty when the
   *     list could not be read ({@code verified} false)
   */
  public record ImageShared(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      List<String> addedAccounts,
      List<String> removedAccounts,
      List<String> sharedWith,
      boolean verified)
      implements SagaEvent {

    public ImageShared {
      addedAccounts = List.copyOf(addedAccounts);
      removedAccounts = List.copyOf(removedAccounts);
      sharedWith = List.copyOf(sharedWith);
    }
  }

  /** The change to who the image is shared with could not be made (or only in part). */
  public record ImageShareFailed(
      UUID eventId,
      UUID sagaId,
      String commandId,
      Instant occurredAt,
      String regionId,
      String imageId,
      List<String> addedAccounts,
      List<String> removedAccounts,
      Failure failure)
      implements SagaEvent {

    public ImageShareFailed {
      addedAccounts = List.copyOf(addedAccounts);
      removedAccounts = List.copyOf(removedAccounts);
    }
  }

  /** The share event of saga {@code s}, about {@code imageId}, on behalf of {@code commandId}. */
  public static ImageShared shared(
      Saga s,
      Instant now,
      String commandId,
      String imageId,
      List<String> added,
      List<String> removed,
      List<String> sharedWith,
      boolean verified) {
    return new ImageShared(
        SagaEvent.stableId(s.id(), s.version(), "ImageShared"),
        s.id(),
        commandId,
        now,
        s.regionId(),
        imageId,
        added,
        removed,
        sharedWith,
        verified);
  }

  public static ImageShareFailed shareFailed(
      Saga s,
      Instant now,
      String commandId,
      String imageId,
      List<String> added,
      List<String> removed,
      Failure failure) {
    return new ImageShareFailed(
        SagaEvent.stableId(s.id(), s.version(), "ImageShareFailed"),
        s.id(),
        commandId,
        now,
        s.regionId(),
        imageId,
        added,
        removed,
        failure);
  }
}
