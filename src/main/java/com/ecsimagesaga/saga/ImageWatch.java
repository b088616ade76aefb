package com.ecsimagesaga.saga;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.image.ImageState;
import java.time.Instant;
import java.util.List;

/** The AWAIT_IMAGE_USABLE step of {@link CreateImageSaga}: watching ECS build the image. */
final class ImageWatch {

  interface Created {
    Decision created(Saga s, StepOutcome.ImageSeen seen, Instant now);
  }

  private ImageWatch() {}

  static Decision decide(Saga s, StepOutcome o, Instant now, Moves moves, Created created) {
    if (o instanceof StepOutcome.ImageSeen seen) {
      ImageObservation img = seen.image();
      if (isDone(img, moves.policies().requireUsable())) {
        return created.created(s, seen, now);
      }
      if (img.state() == ImageState.CREATE_FAILED || img.state() == ImageState.UNAVAILABLE) {
        var failure =
            new Failure(
                s.step(),
                "IMAGE_CREATE_FAILED",
                img.state().ecsName(),
                "ECS reported image "
                    + img.imageId()
                    + " as "
                    + img.state().ecsName()
                    + " at "
                    + img.progress()
                    + "%",
                null);
        return moves.move(
            s,
            "creation failed",
            now,
            b -> b.failure(failure).snapshotIds(img.snapshotIds()),
            List.of());
      }
      return moves.move(
          s,
          "in progress",
          moves.nextPoll(s, now, img.progress()),
          b -> b.attempt(0).lastError(null).progress(img.progress()).snapshotIds(img.snapshotIds()),
          progressed(s, img, now));
    }
    if (o instanceof StepOutcome.ImageMissing) {
      // DescribeImages is eventually consistent: a just-created image may not be listed yet.
      return moves.move(s, "not visible yet", moves.nextPoll(s, now));
    }
    // Not seeing is not failing: ECS accepted the creation, and only a definite outcome or the
    // step's deadline ends it (an image is deleted only then).
    return moves.lookAgain(s, ((StepOutcome.Failed) o).error(), now);
  }

  /**
   * A progress event each time progress crosses a 10% step; nothing on polls that changed nothing,
   * so consumers can draw progress bars without a flood of events.
   */
  static List<SagaEvent> progressed(Saga s, ImageObservation img, Instant now) {
    if (img.progress() / 10 <= s.progress() / 10) {
      return List.of();
    }
    return List.of(
        SagaEvent.ImageCreationProgressed.of(
            s,
            now,
            img.imageId(),
            img.state().ecsName(),
            img.progress(),
            SagaEvent.ImageCreationProgressed.CREATING,
            null));
  }

  static boolean isDone(ImageObservation img, boolean requireUsable) {
    return img.state() == ImageState.AVAILABLE && (img.usable() || !requireUsable);
  }
}
